package dev.pincer.core.services;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Says how often a failed service is restarted and how long to wait before each attempt.
 *
 * <p>At most {@code maxRestarts} restarts are allowed within any {@code window}; the next failure
 * after that leaves the service failed. Before restart number {@code attempt} (counted from 0 among
 * the restarts still inside the window) the supervisor waits {@link #delay(int, RandomGenerator)}:
 * {@code min(maxDelay, baseDelay * 2^attempt) * (1 ± jitter)}.
 *
 * <p>Immutable and thread-safe. The constructor throws {@link NullPointerException} for a missing
 * value and {@link IllegalArgumentException}, naming the value, for an invalid one.
 *
 * @param maxRestarts how many restarts are allowed within the window; 0 never restarts
 * @param window the sliding period over which restarts are counted, positive
 * @param baseDelay the delay before the first restart, positive
 * @param maxDelay the cap on the delay before jitter, at least {@code baseDelay}
 * @param jitter the fraction by which each delay is spread at random, in {@code [0, 1)}
 * @since 0.1.0
 */
public record RestartPolicy(int maxRestarts, Duration window, Duration baseDelay, Duration maxDelay, double jitter) {

    public RestartPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, but was " + maxRestarts);
        }
        requirePositive("window", window);
        requirePositive("baseDelay", baseDelay);
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException(
                    "maxDelay (" + maxDelay + ") must not be shorter than baseDelay (" + baseDelay + ")");
        }
        maxDelay.toNanos(); // fails now, not at the first restart, for a delay beyond ~292 years
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), but was " + jitter);
        }
    }

    /** Returns the default policy: 5 restarts in 60 s, waiting 1 s doubling up to 30 s, ± 20 %. */
    public static RestartPolicy defaults() {
        return new RestartPolicy(5, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
    }

    /** Returns a policy that never restarts: a failed service stays failed. */
    public static RestartPolicy never() {
        return new RestartPolicy(0, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(1), 0);
    }

    /**
     * Returns the delay before restart number {@code attempt}: {@code min(maxDelay, baseDelay *
     * 2^attempt)} multiplied by {@code 1 + jitter * (2u - 1)}, where {@code u} is one {@link
     * RandomGenerator#nextDouble()} drawn from {@code random} (drawn even when jitter is 0).
     *
     * <p>Depends only on its arguments and the generator's state, so a seeded generator gives the
     * same delays every time. The result lies within {@code [capped * (1 - jitter), capped * (1 +
     * jitter))}.
     *
     * @param attempt the restart's number, from 0
     * @param random the source of jitter; not shared with other threads during the call
     * @throws IllegalArgumentException if {@code attempt} is negative
     */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative, but was " + attempt);
        }
        long base = baseDelay.toNanos();
        long max = maxDelay.toNanos();
        // base * 2^attempt <= max exactly when base <= floor(max / 2^attempt); no overflow on the way
        long capped = attempt >= Long.SIZE - 1 || base > (max >> attempt) ? max : base << attempt;
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(capped * factor));
    }

    /** Returns the sentence for a service this policy gives up on after {@code restarts} restarts. */
    String givingUp(int restarts) {
        if (maxRestarts == 0) {
            return "the restart policy allows no restarts; giving up";
        }
        return "restarted " + restarts + " times in " + describe(window) + "; giving up";
    }

    /** Returns a duration as a person reads it: {@code "60 s"}, or {@code "1500 ms"}. */
    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static void requirePositive(String what, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, but was " + value);
        }
    }
}
