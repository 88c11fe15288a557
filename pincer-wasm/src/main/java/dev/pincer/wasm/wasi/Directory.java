package dev.pincer.wasm.wasi;

import java.util.List;

/**
 * A folder descriptor: a preopened granted root or a folder opened under one. Paths the guest opens
 * through it are resolved against {@link #hostPath()} and may not climb above it.
 *
 * <p>Not thread-safe; belongs to one {@link FdTable}.
 */
final class Directory implements Descriptor {

    private final String hostPath;
    private final boolean preopen;
    private final boolean writable;
    private List<String> names;
    private boolean served;

    private Directory(String hostPath, boolean preopen, boolean writable, List<String> names) {
        this.hostPath = hostPath;
        this.preopen = preopen;
        this.writable = writable;
        this.names = names;
    }

    /** Returns the preopen for a granted root, named in the guest by its host path. */
    static Directory preopen(String rootPath, boolean writable) {
        return new Directory(rootPath, true, writable, null);
    }

    /** Returns a folder opened by {@code path_open}, with the names it held when opened. */
    static Directory opened(String hostPath, boolean writable, List<String> names) {
        return new Directory(hostPath, false, writable, List.copyOf(names));
    }

    String hostPath() {
        return hostPath;
    }

    boolean isPreopen() {
        return preopen;
    }

    boolean isWritable() {
        return writable;
    }

    /** Returns the names last listed, or {@code null} when the folder has not been listed yet. */
    List<String> names() {
        return names;
    }

    void names(List<String> listed) {
        this.names = List.copyOf(listed);
    }

    /** Returns whether {@code fd_readdir} has served the names since they were listed. */
    boolean isServed() {
        return served;
    }

    void markServed() {
        served = true;
    }

    @Override
    public int fileType() {
        return Abi.FILETYPE_DIRECTORY;
    }

    @Override
    public long rights() {
        return Abi.DIRECTORY_READ_RIGHTS | (writable ? Abi.DIRECTORY_WRITE_RIGHTS : 0);
    }

    /**
     * Returns every folder and file right, whatever the grant: wasi-libc intersects the rights it
     * asks {@code path_open} for with these, and a write right dropped here would turn "open for
     * writing" into a silent read-only open. The grant is checked at {@code path_open} instead, which
     * answers {@code EACCES}.
     */
    @Override
    public long inheritingRights() {
        return Abi.DIRECTORY_READ_RIGHTS | Abi.DIRECTORY_WRITE_RIGHTS | Abi.FILE_READ_RIGHTS | Abi.FILE_WRITE_RIGHTS;
    }
}
