package dev.pincer.wasm;

import dev.pincer.core.config.SandboxSettings;
import dev.pincer.core.manifest.Resources;
import java.time.Duration;

/**
 * The limits one wasm plugin runs under: its manifest's {@code resources}, clamped to the host's
 * {@code [sandbox]} maximums.
 *
 * @param memoryPages the most 64 KiB pages its linear memory may grow to
 * @param hostMemoryBytes the most bytes one call may allocate in the Extism kernel memory
 * @param outputBytes the largest output of one call
 * @param logsPerSecond log lines per second before lines are dropped
 * @param cpu the CPU time one call may use
 * @param varBytes the most bytes all its vars may hold together
 */
record WasmLimits(
        int memoryPages, long hostMemoryBytes, long outputBytes, int logsPerSecond, Duration cpu, long varBytes) {

    /** Extism's default cap on a plugin's vars. */
    static final long VAR_BYTES = 1L << 20;

    /** What one table entry costs on the JVM, about: an index and a reference. */
    static final int TABLE_ENTRY_BYTES = 8;

    /**
     * Returns the most entries the tables of an instance whose memory may grow to {@code pages} may
     * hold, all together: one per {@value #TABLE_ENTRY_BYTES} bytes of that memory, so tables never
     * cost more than the memory limit again.
     */
    static long tableEntries(int pages) {
        return pages * 65536L / TABLE_ENTRY_BYTES;
    }

    static WasmLimits of(Resources resources, SandboxSettings sandbox) {
        long memory = sandbox.memory(resources.memoryBytes());
        int pages = (int) Math.max(1, Math.min(65536, memory >> 16));
        return new WasmLimits(
                pages,
                Math.min(memory, Integer.MAX_VALUE - 8L),
                sandbox.output(resources.outputBytes()),
                sandbox.logsPerSecond(resources.logsPerSecond()),
                sandbox.cpu(resources.cpu()),
                VAR_BYTES);
    }
}
