package dev.pincer.api.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Holds one thing an agent remembers: text, where it came from, and when.
 *
 * <p>Immutable and thread-safe; the metadata is copied on construction.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param id the record's id, unique in the backend; not blank
 * @param sessionId the session the record came from, or {@code null} when it came from outside a
 *     session; it says where the record came from and does not limit who finds it
 * @param text what is remembered, not blank
 * @param metadata details for filtering and display, no {@code null} keys or values
 * @param createdAt when the record was made, not {@code null}
 * @since 0.1.0
 */
public record MemoryRecord(String id, String sessionId, String text, Map<String, String> metadata, Instant createdAt) {

    public MemoryRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        Objects.requireNonNull(createdAt, "createdAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("memory record id must not be blank");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("text of memory record \"" + id + "\" must not be blank");
        }
    }
}
