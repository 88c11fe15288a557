package dev.pincer.wasm.wasi;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The WASI preview 1 errno values this layer returns, and how I/O failures map to them. Stateless. */
final class Errno {

    static final int SUCCESS = 0;
    static final int ACCES = 2;
    static final int BADF = 8;
    static final int EXIST = 20;
    static final int FAULT = 21;
    static final int FBIG = 22;
    static final int ILSEQ = 25;
    static final int INVAL = 28;
    static final int IO = 29;
    static final int ISDIR = 31;
    static final int MFILE = 33;
    static final int NAMETOOLONG = 37;
    static final int NOENT = 44;
    static final int NOSYS = 52;
    static final int NOTDIR = 54;
    static final int NOTEMPTY = 55;
    static final int NOTSUP = 58;
    static final int SPIPE = 70;
    static final int NOTCAPABLE = 76;

    private Errno() {}

    /** Returns the errno for an I/O failure that is not a refusal. */
    static int of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return NOENT;
        }
        if (e instanceof NotDirectoryException) {
            return NOTDIR;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return NOTEMPTY;
        }
        return IO;
    }
}
