package dev.pincer.wasm;

import java.util.function.LongSupplier;

/**
 * A token bucket for one plugin's log lines: {@code perSecond} lines a second, with bursts of up to
 * one second's worth. Lines over the rate are dropped and counted; the next line that gets through
 * is preceded by a note saying how many were dropped. Thread-safe.
 */
final class LogLimiter {

    private final int perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;
    private long dropped;
    private long droppedTotal;

    LogLimiter(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = perSecond;
        this.last = nanoTime.getAsLong();
    }

    /**
     * Takes one line's token.
     *
     * @return -1 when the line must be dropped; otherwise how many lines were dropped since the last
     *     one that got through (usually 0)
     */
    synchronized long admit() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - last) * perSecond / 1e9);
        last = now;
        if (tokens < 1) {
            dropped++;
            droppedTotal++;
            return -1;
        }
        tokens -= 1;
        long before = dropped;
        dropped = 0;
        return before;
    }

    /** Returns how many lines were dropped since the plugin was loaded. */
    synchronized long droppedTotal() {
        return droppedTotal;
    }

    int perSecond() {
        return perSecond;
    }
}
