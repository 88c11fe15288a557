package dev.pincer.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it: the host stamps audit records, state changes
 * and policy's daily budget with it. Time limits (call and activation timeouts) run on real time.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class TestClock extends Clock {

    /** Where a new clock starts: 2026-01-01T00:00:00Z. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    /** Creates a clock standing at {@link #START}. */
    public TestClock() {
        this(START);
    }

    /** Creates a clock standing at {@code start}. */
    public TestClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** Moves the clock forward by {@code amount} (backward when negative) and returns the new time. */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return now.updateAndGet(t -> t.plus(amount));
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Returns this clock: it is always in UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
