package dev.pincer.plugins.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asks to wait before trying again: a {@code Retry-After} header in
 * seconds or as an HTTP date, and otherwise a doubling back-off; never more than {@link #MAX}.
 *
 * <p>Stateless and thread-safe.
 */
final class RetryAfter {

    /** The longest wait between two attempts, whatever the server asks for. */
    static final Duration MAX = Duration.ofSeconds(30);

    private RetryAfter() {}

    /**
     * Returns the wait before attempt {@code attempt + 1}.
     *
     * @param header the {@code Retry-After} value, or {@code null}
     * @param attempt the attempt that was refused, from 1
     * @param now the current time, for an HTTP date
     * @return the wait, between zero and {@link #MAX}
     */
    static Duration wait(String header, int attempt, Instant now) {
        Duration asked = parse(header, now).orElseGet(() -> Duration.ofSeconds(1L << Math.min(attempt - 1, 5)));
        return asked.compareTo(MAX) > 0 ? MAX : asked;
    }

    /** Returns the wait {@code header} asks for, or empty when it is absent or unreadable. */
    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration until = Duration.between(now, at);
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
