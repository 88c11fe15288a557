package dev.pincer.core.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Holds the host's limits and defaults for running plugins.
 *
 * <p>Immutable. A plugin's own {@code resources} in its manifest override the defaults but are
 * clamped to the maximums.
 *
 * @param dataRoot folder under which each plugin gets {@code <id>/} as its data directory
 * @param activationTimeout limit for loading and activating one plugin
 * @param deactivationTimeout limit for deactivating one plugin
 * @param callTimeout default limit for one tool or command call
 * @param maxCallTimeout the most a plugin may ask for
 * @param hookTimeout limit for one hook handler
 * @param concurrency default number of calls in flight per plugin
 * @param maxConcurrency the most a plugin may ask for
 * @param serviceTimeout limit for starting or stopping one service
 * @since 0.1.0
 */
public record HostSettings(
        Path dataRoot,
        Duration activationTimeout,
        Duration deactivationTimeout,
        Duration callTimeout,
        Duration maxCallTimeout,
        Duration hookTimeout,
        int concurrency,
        int maxConcurrency,
        Duration serviceTimeout) {

    public HostSettings {
        Objects.requireNonNull(dataRoot, "dataRoot");
        for (Duration d : new Duration[] {
            activationTimeout, deactivationTimeout, callTimeout, maxCallTimeout, hookTimeout, serviceTimeout
        }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every host time limit must be positive, got " + d);
            }
        }
        if (concurrency < 1 || maxConcurrency < concurrency) {
            throw new IllegalArgumentException("concurrency must be at least 1 and at most maxConcurrency, got "
                    + concurrency + " and " + maxConcurrency);
        }
    }

    /** Returns the defaults, with plugin data under {@code dataRoot}. */
    public static HostSettings defaults(Path dataRoot) {
        return new HostSettings(
                dataRoot,
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofSeconds(2),
                16,
                256,
                Duration.ofSeconds(10));
    }

    /** Returns the call time limit for a plugin asking for {@code requested} (or nothing). */
    public Duration callTimeout(Duration requested) {
        if (requested == null || requested.isZero() || requested.isNegative()) {
            return callTimeout;
        }
        return requested.compareTo(maxCallTimeout) > 0 ? maxCallTimeout : requested;
    }

    /** Returns the concurrency for a plugin asking for {@code requested} (or nothing). */
    public int concurrency(Integer requested) {
        return requested == null ? concurrency : Math.min(Math.max(1, requested), maxConcurrency);
    }
}
