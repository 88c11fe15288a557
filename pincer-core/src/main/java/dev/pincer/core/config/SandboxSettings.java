package dev.pincer.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The host's limits for sandboxed (WebAssembly) plugins: the {@code [sandbox]} table of the home
 * {@code config.toml}. A plugin's manifest {@code resources} ask for limits; each request is
 * clamped to the maximum here, and a plugin that asks for nothing gets the default.
 *
 * <p>Immutable.
 *
 * @param maxMemoryBytes the most linear memory a plugin instance may grow to
 * @param maxModuleBytes the largest module file the host will read
 * @param maxOutputBytes the largest result one call may return
 * @param maxLogsPerSecond the most log lines per second a plugin may write
 * @param maxCpu the most CPU time one call may use
 * @since 0.1.0
 */
public record SandboxSettings(
        long maxMemoryBytes, long maxModuleBytes, long maxOutputBytes, int maxLogsPerSecond, Duration maxCpu) {

    /** The memory a plugin gets when its manifest does not ask: 64 MiB. */
    public static final long DEFAULT_MEMORY = 64L << 20;

    /** The output a plugin may return when its manifest does not ask: 1 MiB. */
    public static final long DEFAULT_OUTPUT = 1L << 20;

    /** The log lines per second a plugin may write when its manifest does not ask. */
    public static final int DEFAULT_LOGS_PER_SECOND = 50;

    public SandboxSettings {
        Objects.requireNonNull(maxCpu, "maxCpu");
        if (maxMemoryBytes < 1 << 16 || maxModuleBytes < 1 || maxOutputBytes < 1 || maxLogsPerSecond < 1) {
            throw new IllegalArgumentException("sandbox maximums must be positive (memory at least one 64 KiB page)");
        }
        if (maxCpu.isNegative() || maxCpu.isZero()) {
            throw new IllegalArgumentException("max_cpu must be positive, got " + maxCpu);
        }
    }

    /** Returns the built-in maximums: 256 MiB memory, 32 MiB modules, 16 MiB output, 1000 lines/s, 60 s CPU. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(256L << 20, 32L << 20, 16L << 20, 1000, Duration.ofSeconds(60));
    }

    /** Returns the memory cap for a plugin that asked for {@code requested} bytes ({@code null}: the default). */
    public long memory(Long requested) {
        return Math.min(requested == null ? DEFAULT_MEMORY : requested, maxMemoryBytes);
    }

    /** Returns the output cap for a plugin that asked for {@code requested} bytes ({@code null}: the default). */
    public long output(Long requested) {
        return Math.min(requested == null ? DEFAULT_OUTPUT : requested, maxOutputBytes);
    }

    /** Returns the log rate for a plugin that asked for {@code requested} ({@code null}: the default). */
    public int logsPerSecond(Integer requested) {
        return Math.min(requested == null ? DEFAULT_LOGS_PER_SECOND : requested, maxLogsPerSecond);
    }

    /** Returns the CPU budget per call for a plugin that asked for {@code requested} ({@code null}: the maximum). */
    public Duration cpu(Duration requested) {
        return requested == null || requested.compareTo(maxCpu) > 0 ? maxCpu : requested;
    }
}
