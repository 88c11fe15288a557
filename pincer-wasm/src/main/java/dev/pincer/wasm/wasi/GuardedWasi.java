package dev.pincer.wasm.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import dev.pincer.api.access.EnvAccess;
import dev.pincer.api.access.FileAccess;
import dev.pincer.core.guards.GuardSettings;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * WASI preview 1 for one Chicory instance, with every file reached through the plugin's {@link
 * FileAccess} and every variable through its {@link EnvAccess}, so the grants, the link refusals,
 * the size limits and the audit log of those services hold for WASI too. Chicory's own WASI module
 * is not used: it opens host paths itself.
 *
 * <p>Each granted root is preopened, from fd 3 in the order of {@link FileAccess#roots()}, under
 * its host path as its guest name (as {@code wasmtime --dir /abs} does); with no roots there are no
 * preopens and every {@code path_open} fails. Files are read whole when opened and written whole
 * when closed or synced; standard output and error reach the line consumers; the environment holds
 * only granted variables that are set; the only argument is the program name {@code plugin}.
 * Folders cannot be created, links are never made or followed, and renames are refused: the file
 * service offers none of these. Polling and sockets answer {@code ENOSYS}. A guest pointer outside
 * memory gives {@code EFAULT}; no host exception reaches the guest, except {@link WasiExit} from
 * {@code proc_exit}. A refusal the guest sees only as an errno is also handed to {@code
 * stderrLines}, prefixed {@code "pincer: "}.
 *
 * <p>Not thread-safe: one instance serves one Chicory instance, which runs one call at a time.
 *
 * @since 0.1.0
 */
public final class GuardedWasi {

    /** The import module name of WASI preview 1. */
    public static final String MODULE = "wasi_snapshot_preview1";

    private final FdTable table = new FdTable();
    private final FileCalls calls;
    private final LineSink out;
    private final LineSink err;
    private final WasiPaths paths;
    private final WasiFds fds;
    private final WasiFdInfo info;
    private final WasiSystem system;
    private final List<HostFunction> functions;

    /**
     * Creates the WASI layer of one Chicory instance, with the host's default file size limit.
     *
     * @param files the plugin's file service; its roots become the preopens
     * @param env the plugin's environment service
     * @param stdoutLines takes each line the guest writes to standard output
     * @param stderrLines takes each line the guest writes to standard error, and Pincer's notices
     * @param clock the wall clock of {@code clock_time_get}
     * @throws NullPointerException if an argument is {@code null}
     */
    public GuardedWasi(
            FileAccess files, EnvAccess env, Consumer<String> stdoutLines, Consumer<String> stderrLines, Clock clock) {
        this(
                files,
                env,
                stdoutLines,
                stderrLines,
                clock,
                GuardSettings.defaults().maxFileBytes());
    }

    /**
     * Creates the WASI layer of one Chicory instance.
     *
     * @param files the plugin's file service; its roots become the preopens
     * @param env the plugin's environment service
     * @param stdoutLines takes each line the guest writes to standard output
     * @param stderrLines takes each line the guest writes to standard error, and Pincer's notices
     * @param clock the wall clock of {@code clock_time_get}
     * @param maxFileBytes the most bytes one open file may grow to, normally the file service's
     *     {@link GuardSettings#maxFileBytes()}; writes past it fail with {@code EFBIG}
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code maxFileBytes} is not positive
     */
    public GuardedWasi(
            FileAccess files,
            EnvAccess env,
            Consumer<String> stdoutLines,
            Consumer<String> stderrLines,
            Clock clock,
            long maxFileBytes) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(stdoutLines, "stdoutLines");
        Objects.requireNonNull(stderrLines, "stderrLines");
        Objects.requireNonNull(clock, "clock");
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes is positive, got " + maxFileBytes);
        }
        this.calls = new FileCalls(files, stderrLines);
        this.out = new LineSink(stdoutLines);
        this.err = new LineSink(stderrLines);
        this.paths = new WasiPaths(table, calls, maxFileBytes);
        this.fds = new WasiFds(table, calls, out, err);
        this.info = new WasiFdInfo(table, paths);
        this.system = new WasiSystem(env, clock);
        this.functions = List.copyOf(new WasiFunctions(table, calls, paths, fds, info, system).all());
        openStandardDescriptors();
    }

    /**
     * Returns the host functions of module {@value #MODULE}: every preview 1 function, so any WASI
     * module links, bound to this instance's descriptors.
     *
     * @return the functions, the same immutable list on every call
     */
    public List<HostFunction> functions() {
        return functions;
    }

    /**
     * Ends a call: closes every descriptor the guest opened, writing changed files through the file
     * service, hands on partial output lines, reopens the standard streams and preopens, and
     * forgets the environment read, so the next call starts clean and reads it (audited) again. A
     * file that cannot be written is reported to {@code stderrLines}.
     */
    public void reset() {
        out.flush();
        err.flush();
        for (Descriptor descriptor : table.clear()) {
            if (descriptor instanceof OpenFile file) {
                try {
                    fds.flush(file);
                } catch (WasiError e) {
                    calls.notice("could not write " + file.hostPath() + " when the call ended (WASI errno " + e.errno()
                            + "); the plugin's changes to it are lost");
                }
            }
        }
        openStandardDescriptors();
        system.reset();
    }

    private void openStandardDescriptors() {
        table.put(0, StdStream.IN);
        table.put(1, StdStream.OUT);
        table.put(2, StdStream.ERR);
        int fd = 3;
        for (FileAccess.Root root : calls.roots()) {
            table.put(fd++, Directory.preopen(root.path(), root.writable()));
        }
    }
}
