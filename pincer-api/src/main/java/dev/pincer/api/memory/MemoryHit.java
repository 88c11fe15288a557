package dev.pincer.api.memory;

import java.util.Objects;

/**
 * Pairs a memory record with how relevant it is to a query.
 *
 * <p>Scores are comparable only within one backend's answer to one query; higher is more
 * relevant. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param record the record found, not {@code null}
 * @param score its relevance, a finite number
 * @since 0.1.0
 */
public record MemoryHit(MemoryRecord record, double score) {

    public MemoryHit {
        Objects.requireNonNull(record, "record");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException(
                    "score of memory hit \"" + record.id() + "\" must be a finite number, but was " + score);
        }
    }
}
