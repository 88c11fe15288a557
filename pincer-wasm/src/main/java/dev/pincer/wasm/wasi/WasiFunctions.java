package dev.pincer.wasm.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of WASI preview 1 functions: each name with its signature and the part that serves it.
 * Functions the file service cannot back are refused: links, renames and {@code readlink} with
 * {@code ENOTCAPABLE}, times with {@code ENOTSUP}; polling, signals and sockets answer {@code
 * ENOSYS}.
 *
 * <p>Immutable once built; the functions share their {@link GuardedWasi}'s state.
 */
final class WasiFunctions {

    private static final long U32 = 0xFFFF_FFFFL;

    private final FdTable table;
    private final FileCalls calls;
    private final WasiPaths paths;
    private final WasiFds fds;
    private final WasiFdInfo info;
    private final WasiSystem system;

    WasiFunctions(FdTable table, FileCalls calls, WasiPaths paths, WasiFds fds, WasiFdInfo info, WasiSystem system) {
        this.table = table;
        this.calls = calls;
        this.paths = paths;
        this.fds = fds;
        this.info = info;
        this.system = system;
    }

    List<HostFunction> all() {
        return List.of(
                function("args_get", "ii", (m, a) -> system.argsGet(m, a[0], a[1])),
                function("args_sizes_get", "ii", (m, a) -> system.argsSizesGet(m, a[0], a[1])),
                function("environ_get", "ii", (m, a) -> system.environGet(m, a[0], a[1])),
                function("environ_sizes_get", "ii", (m, a) -> system.environSizesGet(m, a[0], a[1])),
                function("clock_res_get", "ii", (m, a) -> system.clockResGet(m, a[0], a[1])),
                function("clock_time_get", "iIi", (m, a) -> system.clockTimeGet(m, a[0], a[2])),
                function("fd_advise", "iIIi", (m, a) -> fds.advise(a[0], a[3])),
                function("fd_allocate", "iII", (m, a) -> fds.allocate(a[0], a[1], a[2])),
                function("fd_close", "i", (m, a) -> fds.close(a[0])),
                function("fd_datasync", "i", (m, a) -> fds.sync(a[0])),
                function("fd_fdstat_get", "ii", (m, a) -> info.fdstatGet(m, a[0], a[1])),
                function("fd_fdstat_set_flags", "ii", (m, a) -> fds.setFlags(a[0], a[1])),
                function("fd_fdstat_set_rights", "iII", (m, a) -> unsupported(a[0])),
                function("fd_filestat_get", "ii", (m, a) -> info.filestatGet(m, a[0], a[1])),
                function("fd_filestat_set_size", "iI", (m, a) -> fds.setSize(a[0], a[1])),
                function("fd_filestat_set_times", "iIIi", (m, a) -> unsupported(a[0])),
                function("fd_pread", "iiiIi", (m, a) -> fds.pread(m, a[0], a[1], a[2], a[3], a[4])),
                function("fd_prestat_get", "ii", (m, a) -> info.prestatGet(m, a[0], a[1])),
                function("fd_prestat_dir_name", "iii", (m, a) -> info.prestatDirName(m, a[0], a[1], a[2])),
                function("fd_pwrite", "iiiIi", (m, a) -> fds.pwrite(m, a[0], a[1], a[2], a[3], a[4])),
                function("fd_read", "iiii", (m, a) -> fds.read(m, a[0], a[1], a[2], a[3])),
                function("fd_readdir", "iiiIi", (m, a) -> info.readdir(m, a[0], a[1], a[2], a[3], a[4])),
                function("fd_renumber", "ii", (m, a) -> fds.renumber(a[0], a[1])),
                function("fd_seek", "iIii", (m, a) -> fds.seek(m, a[0], a[1], a[2], a[3])),
                function("fd_sync", "i", (m, a) -> fds.sync(a[0])),
                function("fd_tell", "ii", (m, a) -> fds.tell(m, a[0], a[1])),
                function("fd_write", "iiii", (m, a) -> fds.write(m, a[0], a[1], a[2], a[3])),
                function("path_create_directory", "iii", (m, a) -> paths.createDirectory(m, a[0], a[1], a[2])),
                function("path_filestat_get", "iiiii", (m, a) -> paths.filestatGet(m, a[0], a[2], a[3], a[4])),
                function("path_filestat_set_times", "iiiiIIi", (m, a) -> unsupported(a[0])),
                function(
                        "path_link",
                        "iiiiiii",
                        (m, a) -> refused("path_link", "Pincer never creates links under a granted root")),
                function("path_open", "iiiiiIIii", (m, a) -> paths.open(m, a[0], a[2], a[3], openRequest(a), a[8])),
                function(
                        "path_readlink",
                        "iiiiii",
                        (m, a) -> refused("path_readlink", "Pincer never follows links under a granted root")),
                function("path_remove_directory", "iii", (m, a) -> paths.delete(m, a[0], a[1], a[2])),
                function(
                        "path_rename",
                        "iiiiii",
                        (m, a) -> refused(
                                "path_rename",
                                "Pincer's file service offers no rename; write the new file and delete the old one")),
                function(
                        "path_symlink",
                        "iiiii",
                        (m, a) -> refused("path_symlink", "Pincer never creates links under a granted root")),
                function("path_unlink_file", "iii", (m, a) -> paths.delete(m, a[0], a[1], a[2])),
                function("poll_oneoff", "iiii", (m, a) -> Errno.NOSYS),
                procExit(),
                function("proc_raise", "i", (m, a) -> Errno.NOSYS),
                function("random_get", "ii", (m, a) -> system.randomGet(m, a[0], a[1])),
                function("sched_yield", "", (m, a) -> Errno.SUCCESS),
                function("sock_accept", "iii", (m, a) -> Errno.NOSYS),
                function("sock_recv", "iiiiii", (m, a) -> Errno.NOSYS),
                function("sock_send", "iiiii", (m, a) -> Errno.NOSYS),
                function("sock_shutdown", "ii", (m, a) -> Errno.NOSYS));
    }

    private static WasiPaths.OpenRequest openRequest(long[] a) {
        return new WasiPaths.OpenRequest((int) a[4], a[5], (int) a[7]);
    }

    private static HostFunction procExit() {
        return new HostFunction(
                GuardedWasi.MODULE, "proc_exit", FunctionType.of(List.of(ValType.I32), List.of()), (instance, args) -> {
                    throw new WasiExit((int) args[0]);
                });
    }

    private int unsupported(long fd) throws WasiError {
        table.get(fd);
        return Errno.NOTSUP;
    }

    private int refused(String function, String why) {
        calls.notice("WASI " + function + " is refused: " + why);
        return Errno.NOTCAPABLE;
    }

    /** One host function's body: returns an errno, or throws {@link WasiError} with one. */
    @FunctionalInterface
    interface Body {
        int apply(GuestMemory memory, long[] args) throws WasiError;
    }

    /**
     * Returns a host function of the WASI module that takes {@code params} ({@code i} for i32,
     * {@code I} for i64) and returns an errno.
     */
    private static HostFunction function(String name, String params, Body body) {
        List<ValType> types = new ArrayList<>();
        for (char c : params.toCharArray()) {
            types.add(c == 'I' ? ValType.I64 : ValType.I32);
        }
        return new HostFunction(
                GuardedWasi.MODULE, name, FunctionType.of(types, List.of(ValType.I32)), (instance, args) -> {
                    long[] unsigned = args.clone();
                    for (int i = 0; i < params.length(); i++) {
                        // i32 arguments are pointers, lengths, descriptors and flags: all unsigned in WASI.
                        unsigned[i] = params.charAt(i) == 'i' ? args[i] & U32 : args[i];
                    }
                    try {
                        return new long[] {body.apply(new GuestMemory(instance), unsigned)};
                    } catch (WasiError e) {
                        return new long[] {e.errno()};
                    }
                });
    }
}
