package dev.pincer.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void readsSeconds() {
        assertThat(RetryAfter.wait("7", 1, NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.wait("Wed, 01 Jan 2025 10:00:12 GMT", 1, NOW)).isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryAfter.wait("Wed, 01 Jan 2025 09:59:00 GMT", 1, NOW)).isZero();
    }

    @Test
    void capsWhatTheServerAsksFor() {
        assertThat(RetryAfter.wait("3600", 1, NOW)).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.wait("Thu, 02 Jan 2025 10:00:00 GMT", 1, NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void backsOffByDoublingWhenTheHeaderIsAbsentOrUnreadable() {
        assertThat(RetryAfter.wait(null, 1, NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.wait("soon", 2, NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.wait("", 3, NOW)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetryAfter.wait(null, 9, NOW)).isEqualTo(RetryAfter.MAX);
    }
}
