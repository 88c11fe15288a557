package dev.pincer.wasm.wasi;

/**
 * What a WASI file descriptor refers to: a standard stream, a folder, or a file held in memory.
 *
 * <p>Implementations are not thread-safe; they belong to one {@link FdTable}.
 */
sealed interface Descriptor permits StdStream, Directory, OpenFile {

    /** Returns the WASI file type reported by {@code fd_fdstat_get} and {@code fd_filestat_get}. */
    int fileType();

    /** Returns the rights reported by {@code fd_fdstat_get}. */
    long rights();

    /** Returns the rights reported for descriptors opened from this one. */
    default long inheritingRights() {
        return 0;
    }
}
