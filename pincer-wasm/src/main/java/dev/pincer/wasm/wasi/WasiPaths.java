package dev.pincer.wasm.wasi;

import java.util.List;

/**
 * The {@code path_*} functions: each resolves a guest path against a folder descriptor with {@link
 * GuestPath} and reaches the file only through {@link FileCalls}.
 *
 * <p>A file opened for reading is read whole into an {@link OpenFile}; one opened for writing
 * starts from its current content (empty with {@code O_TRUNC}) and is written whole when flushed.
 * {@code O_TRUNC}, and {@code O_CREAT} of a missing file, write the empty file at once, as POSIX
 * creates and truncates at open, so the file service decides there and then. Not thread-safe;
 * belongs to one {@link GuardedWasi}.
 */
final class WasiPaths {

    private final FdTable table;
    private final FileCalls calls;
    private final long maxFileBytes;

    WasiPaths(FdTable table, FileCalls calls, long maxFileBytes) {
        this.table = table;
        this.calls = calls;
        this.maxFileBytes = maxFileBytes;
    }

    /** The arguments of {@code path_open} that say how to open. */
    record OpenRequest(int oflags, long rights, int fdflags) {
        boolean has(int oflag) {
            return (oflags & oflag) != 0;
        }

        boolean wantsWrite() {
            return (rights & Abi.RIGHT_FD_WRITE) != 0 || has(Abi.OFLAG_CREAT) || has(Abi.OFLAG_TRUNC);
        }

        OpenFile.Mode mode() {
            return new OpenFile.Mode(
                    !wantsWrite() || (rights & Abi.RIGHT_FD_READ) != 0,
                    wantsWrite(),
                    (fdflags & Abi.FDFLAG_APPEND) != 0);
        }
    }

    int open(GuestMemory memory, long dirFd, long pathAt, long pathLength, OpenRequest request, long fdAt)
            throws WasiError {
        Directory folder = folder(dirFd);
        String guest = memory.utf8(pathAt, pathLength);
        memory.check(fdAt, 4);
        table.ensureRoom();
        String host = GuestPath.resolve(folder.hostPath(), guest, calls);
        Descriptor opened;
        if (request.has(Abi.OFLAG_DIRECTORY)) {
            if (request.has(Abi.OFLAG_CREAT) || request.has(Abi.OFLAG_TRUNC)) {
                return Errno.INVAL;
            }
            opened = Directory.opened(host, calls.mayWrite(host), calls.list(host));
        } else if (request.wantsWrite()) {
            opened = openForWriting(host, request);
        } else {
            opened = openForReading(host);
        }
        memory.putU32(fdAt, table.add(opened));
        return Errno.SUCCESS;
    }

    int filestatGet(GuestMemory memory, long dirFd, long pathAt, long pathLength, long statAt) throws WasiError {
        Directory folder = folder(dirFd);
        String guest = memory.utf8(pathAt, pathLength);
        memory.check(statAt, WasiFdInfo.FILESTAT_SIZE);
        String host = GuestPath.resolve(folder.hostPath(), guest, calls);
        FileCalls.Node node = calls.readOrList(host);
        if (node instanceof FileCalls.Node.File file) {
            WasiFdInfo.putFilestat(memory, statAt, Abi.FILETYPE_REGULAR_FILE, file.content().length);
        } else {
            WasiFdInfo.putFilestat(memory, statAt, Abi.FILETYPE_DIRECTORY, 0);
        }
        return Errno.SUCCESS;
    }

    /**
     * Deletes a file ({@code path_unlink_file}) or an empty folder ({@code path_remove_directory}):
     * the file service deletes either, so both come here.
     */
    int delete(GuestMemory memory, long dirFd, long pathAt, long pathLength) throws WasiError {
        Directory folder = folder(dirFd);
        String guest = memory.utf8(pathAt, pathLength);
        String host = GuestPath.resolve(folder.hostPath(), guest, calls);
        if (host.equals(folder.hostPath())) {
            return Errno.INVAL;
        }
        return calls.delete(host) ? Errno.SUCCESS : Errno.NOENT;
    }

    /**
     * Answers {@code path_create_directory} with {@code ENOTSUP}: the file service cannot create
     * folders under any grant, so "not supported" is the truth, where {@code EACCES} would send the
     * plugin's author to ask for a permission that would not help.
     */
    int createDirectory(GuestMemory memory, long dirFd, long pathAt, long pathLength) throws WasiError {
        Directory folder = folder(dirFd);
        String guest = memory.utf8(pathAt, pathLength);
        calls.notice("WASI cannot create folder '" + guest + "' under " + folder.hostPath()
                + ": Pincer's file service does not create folders; create it before the plugin runs");
        return Errno.NOTSUP;
    }

    /** Returns the folder descriptor {@code fd}: {@code EBADF} if not open, {@code ENOTDIR} if not a folder. */
    Directory folder(long fd) throws WasiError {
        if (table.get(fd) instanceof Directory folder) {
            return folder;
        }
        throw new WasiError(Errno.NOTDIR);
    }

    private Descriptor openForReading(String host) throws WasiError {
        FileCalls.Node node = calls.readOrList(host);
        if (node instanceof FileCalls.Node.Folder folder) {
            return Directory.opened(host, calls.mayWrite(host), folder.names());
        }
        byte[] content = ((FileCalls.Node.File) node).content();
        return new OpenFile(host, content, new OpenFile.Mode(true, false, false), maxFileBytes);
    }

    private OpenFile openForWriting(String host, OpenRequest request) throws WasiError {
        boolean create = request.has(Abi.OFLAG_CREAT);
        boolean truncate = request.has(Abi.OFLAG_TRUNC);
        boolean exclusive = create && request.has(Abi.OFLAG_EXCL);
        if (!truncate && !calls.mayWrite(host)) {
            // Without O_TRUNC nothing is written at open, so the file service is not asked yet.
            calls.notice("WASI may not open '" + host + "' for writing: no granted root that may be written"
                    + " holds it; grant it read-write in the manifest");
            throw new WasiError(Errno.ACCES);
        }
        byte[] content = null;
        if (!truncate || !create || exclusive) {
            content = readIfPresent(host);
            if (content != null && exclusive) {
                throw new WasiError(Errno.EXIST);
            }
            if (content == null && !create) {
                throw new WasiError(Errno.NOENT);
            }
        }
        if (truncate || content == null) {
            content = new byte[0];
            calls.write(host, content);
        }
        return new OpenFile(host, content, request.mode(), maxFileBytes);
    }

    private byte[] readIfPresent(String host) throws WasiError {
        try {
            return calls.read(host);
        } catch (WasiError e) {
            if (e.errno() == Errno.NOENT) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Returns the names {@code fd_readdir} serves for {@code folder}. A read from cookie 0 (the
     * start, as after {@code rewinddir}) lists the folder afresh, unless the names were listed by
     * {@code path_open} and not served yet: {@code opendir} then {@code readdir} lists once.
     */
    List<String> names(Directory folder, long cookie) throws WasiError {
        if (folder.names() == null || (cookie == 0 && folder.isServed())) {
            folder.names(calls.list(folder.hostPath()));
        }
        folder.markServed();
        return folder.names();
    }
}
