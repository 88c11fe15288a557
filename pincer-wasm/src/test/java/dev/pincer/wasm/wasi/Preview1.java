package dev.pincer.wasm.wasi;

/** WASI preview 1 numbers as the specification writes them, kept apart from the code under test. */
final class Preview1 {

    static final int ESUCCESS = 0;
    static final int EACCES = 2;
    static final int EBADF = 8;
    static final int EEXIST = 20;
    static final int EFAULT = 21;
    static final int EFBIG = 22;
    static final int EINVAL = 28;
    static final int EISDIR = 31;
    static final int EMFILE = 33;
    static final int ENOENT = 44;
    static final int ENOSYS = 52;
    static final int ENOTDIR = 54;
    static final int ENOTSUP = 58;
    static final int ESPIPE = 70;
    static final int ENOTCAPABLE = 76;

    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_EXCL = 4;
    static final int O_TRUNC = 8;
    static final int FDFLAG_APPEND = 1;

    static final long RIGHT_FD_READ = 1L << 1;
    static final long RIGHT_FD_WRITE = 1L << 6;

    static final int FILETYPE_CHARACTER_DEVICE = 2;
    static final int FILETYPE_DIRECTORY = 3;
    static final int FILETYPE_REGULAR_FILE = 4;

    private Preview1() {}
}
