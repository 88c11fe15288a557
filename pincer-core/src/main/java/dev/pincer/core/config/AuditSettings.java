package dev.pincer.core.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Holds the effective {@code [audit]} section: how long audit records are kept in {@code
 * pincer.db} before they are deleted.
 *
 * <p>Immutable. Only the home {@code config.toml} may set it: a workspace cannot shorten (or erase)
 * the record of what plugins did.
 *
 * @param keepDays how many days records are kept, from 1 to 36,500; {@code 0} keeps them forever
 * @since 0.1.0
 */
public record AuditSettings(int keepDays) {

    /** The default of {@link #keepDays()}. */
    public static final int DEFAULT_KEEP_DAYS = 90;

    public AuditSettings {
        if (keepDays < 0 || keepDays > 36_500) {
            throw new IllegalArgumentException("[audit] keep_days must be 0 to 36500, but was " + keepDays);
        }
    }

    /** Returns the settings when nothing is configured: records are kept for 90 days. */
    public static AuditSettings defaults() {
        return new AuditSettings(DEFAULT_KEEP_DAYS);
    }

    /** Returns how long records are kept, or empty when they are kept forever. */
    public Optional<Duration> keep() {
        return keepDays == 0 ? Optional.empty() : Optional.of(Duration.ofDays(keepDays));
    }
}
