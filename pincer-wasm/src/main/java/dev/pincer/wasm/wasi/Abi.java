package dev.pincer.wasm.wasi;

/** Constants of the WASI preview 1 ABI: file types, rights, open and descriptor flags. Stateless. */
final class Abi {

    static final int FILETYPE_UNKNOWN = 0;
    static final int FILETYPE_CHARACTER_DEVICE = 2;
    static final int FILETYPE_DIRECTORY = 3;
    static final int FILETYPE_REGULAR_FILE = 4;

    static final int OFLAG_CREAT = 1;
    static final int OFLAG_DIRECTORY = 2;
    static final int OFLAG_EXCL = 4;
    static final int OFLAG_TRUNC = 8;

    static final int FDFLAG_APPEND = 1;

    static final int WHENCE_SET = 0;
    static final int WHENCE_CUR = 1;
    static final int WHENCE_END = 2;

    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME = 2;
    static final int CLOCK_THREAD_CPUTIME = 3;

    static final long RIGHT_FD_DATASYNC = 1L;
    static final long RIGHT_FD_READ = 1L << 1;
    static final long RIGHT_FD_SEEK = 1L << 2;
    static final long RIGHT_FD_FDSTAT_SET_FLAGS = 1L << 3;
    static final long RIGHT_FD_SYNC = 1L << 4;
    static final long RIGHT_FD_TELL = 1L << 5;
    static final long RIGHT_FD_WRITE = 1L << 6;
    static final long RIGHT_FD_ADVISE = 1L << 7;
    static final long RIGHT_FD_ALLOCATE = 1L << 8;
    static final long RIGHT_PATH_CREATE_FILE = 1L << 10;
    static final long RIGHT_PATH_OPEN = 1L << 13;
    static final long RIGHT_FD_READDIR = 1L << 14;
    static final long RIGHT_PATH_FILESTAT_GET = 1L << 18;
    static final long RIGHT_PATH_FILESTAT_SET_SIZE = 1L << 19;
    static final long RIGHT_FD_FILESTAT_GET = 1L << 21;
    static final long RIGHT_FD_FILESTAT_SET_SIZE = 1L << 22;
    static final long RIGHT_PATH_REMOVE_DIRECTORY = 1L << 25;
    static final long RIGHT_PATH_UNLINK_FILE = 1L << 26;
    static final long RIGHT_POLL_FD_READWRITE = 1L << 27;

    /** Rights of a file open for reading. */
    static final long FILE_READ_RIGHTS = RIGHT_FD_READ
            | RIGHT_FD_SEEK
            | RIGHT_FD_TELL
            | RIGHT_FD_ADVISE
            | RIGHT_FD_FILESTAT_GET
            | RIGHT_FD_FDSTAT_SET_FLAGS
            | RIGHT_POLL_FD_READWRITE;

    /** Rights a file open for writing adds. */
    static final long FILE_WRITE_RIGHTS =
            RIGHT_FD_WRITE | RIGHT_FD_DATASYNC | RIGHT_FD_SYNC | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE;

    /** Rights of a folder whose files may be read. */
    static final long DIRECTORY_READ_RIGHTS =
            RIGHT_PATH_OPEN | RIGHT_FD_READDIR | RIGHT_PATH_FILESTAT_GET | RIGHT_FD_FILESTAT_GET;

    /** Rights a folder whose files may be written adds. */
    static final long DIRECTORY_WRITE_RIGHTS = RIGHT_PATH_CREATE_FILE
            | RIGHT_PATH_FILESTAT_SET_SIZE
            | RIGHT_PATH_REMOVE_DIRECTORY
            | RIGHT_PATH_UNLINK_FILE;

    private Abi() {}
}
