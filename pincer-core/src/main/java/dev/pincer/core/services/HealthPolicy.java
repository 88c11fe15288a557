package dev.pincer.core.services;

import java.time.Duration;
import java.util.Objects;

/**
 * Says how often a running service's health is checked and when failed checks lead to a restart.
 *
 * <p>A service is checked every {@code interval} while its checks pass. After a failed check the
 * next one waits {@link #delayAfter(int) longer}, doubling up to {@code maxBackoff}, so that a
 * struggling plugin is not hammered; {@code failureThreshold} failed checks in a row restart the
 * service under the {@link RestartPolicy}. A passing check resets the count.
 *
 * <p>Immutable and thread-safe. The constructor throws {@link NullPointerException} for a missing
 * value and {@link IllegalArgumentException}, naming the value, for an invalid one.
 *
 * @param interval the time between checks of a healthy service, positive
 * @param failureThreshold how many failed checks in a row restart the service, at least 1
 * @param maxBackoff the longest time between checks of an unhealthy service, at least {@code
 *     interval}; equal to it to check at a steady pace
 * @since 0.1.0
 */
public record HealthPolicy(Duration interval, int failureThreshold, Duration maxBackoff) {

    public HealthPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, but was " + interval);
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, but was " + failureThreshold);
        }
        if (maxBackoff.compareTo(interval) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than interval (" + interval + ")");
        }
        maxBackoff.toNanos(); // fails now for a duration beyond ~292 years
    }

    /** Returns the default policy: every 30 s, restart after 3 failures, back off up to 2 min. */
    public static HealthPolicy defaults() {
        return new HealthPolicy(Duration.ofSeconds(30), 3, Duration.ofMinutes(2));
    }

    /**
     * Returns the time until the next check after {@code failures} failed checks in a row: {@code
     * interval} for none, else {@code min(maxBackoff, interval * 2^failures)}.
     *
     * @throws IllegalArgumentException if {@code failures} is negative
     */
    public Duration delayAfter(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative, but was " + failures);
        }
        long base = interval.toNanos();
        long max = maxBackoff.toNanos();
        return Duration.ofNanos(failures >= Long.SIZE - 1 || base > (max >> failures) ? max : base << failures);
    }
}
