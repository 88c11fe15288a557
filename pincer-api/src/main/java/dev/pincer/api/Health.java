package dev.pincer.api;

import java.util.Objects;

/**
 * Reports how well a plugin is working, with a detail saying why when it is not healthy.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param status the plugin's state, never {@code null}
 * @param detail what is wrong and what to do; empty for {@link Status#HEALTHY}, never blank
 *     otherwise
 * @since 0.1.0
 */
public record Health(Status status, String detail) {

    public Health {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (status != Status.HEALTHY && detail.isBlank()) {
            throw new IllegalArgumentException("a " + status + " health needs a detail saying why, but it was blank");
        }
    }

    /**
     * Returns a healthy report with an empty detail.
     *
     * @return a {@link Status#HEALTHY} report
     */
    public static Health healthy() {
        return new Health(Status.HEALTHY, "");
    }

    /**
     * Returns a report for a plugin that works with reduced capability.
     *
     * @param why what is degraded and what to do, not blank
     * @return a {@link Status#DEGRADED} report
     */
    public static Health degraded(String why) {
        return new Health(Status.DEGRADED, why);
    }

    /**
     * Returns a report for a plugin that does not work.
     *
     * @param why what is wrong and what to do, not blank
     * @return a {@link Status#DOWN} report
     */
    public static Health down(String why) {
        return new Health(Status.DOWN, why);
    }

    /**
     * Lists the states a plugin can report.
     *
     * @since 0.1.0
     */
    public enum Status {
        /** The plugin works as intended. */
        HEALTHY,
        /** The plugin works, but some capability is impaired. */
        DEGRADED,
        /** The plugin does not work. */
        DOWN
    }
}
