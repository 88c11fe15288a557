package dev.pincer.core.manifest;

import java.time.Duration;

/**
 * States the limits a plugin asks for: the manifest's {@code resources} object.
 *
 * <p>Immutable. Every field may be {@code null}, meaning the host default applies; the host clamps
 * requests to its own maximums.
 *
 * @param memoryBytes memory cap in bytes, or {@code null}
 * @param timeout wall-clock limit per call, or {@code null}
 * @param cpu CPU-time budget per call, or {@code null}
 * @param concurrency calls in flight at once, or {@code null}
 * @param outputBytes largest result of one call, in bytes, or {@code null}
 * @param logsPerSecond log lines per second the plugin may write before lines are dropped, or
 *     {@code null}
 * @since 0.1.0
 */
public record Resources(
        Long memoryBytes,
        Duration timeout,
        Duration cpu,
        Integer concurrency,
        Long outputBytes,
        Integer logsPerSecond) {

    /** Returns a request that leaves everything to the host defaults. */
    public static Resources defaults() {
        return new Resources(null, null, null, null, null, null);
    }
}
