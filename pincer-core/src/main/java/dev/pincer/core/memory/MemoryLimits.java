package dev.pincer.core.memory;

import dev.pincer.api.memory.MemoryRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The limits every memory record and search is held to, whichever backend serves it: the host's
 * memory tools check them before calling a plugin's backend, and {@link SqliteMemory} checks them
 * again. A record over a limit is refused with an {@link IllegalArgumentException} whose message
 * names the record, the size and the limit.
 *
 * <p>Stateless.
 *
 * @since 0.1.0
 */
public final class MemoryLimits {

    /** The longest text of one record, in UTF-8 bytes: 32 KiB. */
    public static final int MAX_TEXT_BYTES = 32 * 1024;

    /** The longest record id, in characters. */
    public static final int MAX_ID_CHARS = 128;

    /** The most metadata entries of one record. */
    public static final int MAX_METADATA_ENTRIES = 32;

    /** The most UTF-8 bytes the metadata keys and values of one record add up to: 4 KiB. */
    public static final int MAX_METADATA_BYTES = 4 * 1024;

    /** The longest query, in characters. */
    public static final int MAX_QUERY_CHARS = 4096;

    /** The most hits one search returns; a larger limit is lowered to this. */
    public static final int MAX_HITS = 100;

    private MemoryLimits() {}

    /**
     * Checks {@code record} against every limit.
     *
     * @throws IllegalArgumentException naming the record, what is too large and the limit
     */
    public static void check(MemoryRecord record) {
        checkId(record.id());
        int textBytes = utf8(record.text());
        if (textBytes > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("the text of memory '" + record.id() + "' is " + textBytes
                    + " bytes; the most is " + MAX_TEXT_BYTES + " bytes (32 KiB): store a shorter text,"
                    + " or split it into several memories");
        }
        Map<String, String> metadata = record.metadata();
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw new IllegalArgumentException("memory '" + record.id() + "' has " + metadata.size()
                    + " metadata entries; the most is " + MAX_METADATA_ENTRIES);
        }
        int metadataBytes = metadata.entrySet().stream()
                .mapToInt(e -> utf8(e.getKey()) + utf8(e.getValue()))
                .sum();
        if (metadataBytes > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("the metadata of memory '" + record.id() + "' is " + metadataBytes
                    + " bytes of keys and values; the most is " + MAX_METADATA_BYTES + " bytes (4 KiB)");
        }
    }

    /**
     * Checks that {@code id} can name a record: not blank, at most {@value #MAX_ID_CHARS}
     * characters, no control characters.
     *
     * @throws IllegalArgumentException saying what is wrong with the id
     */
    public static void checkId(String id) {
        if (id.isBlank()) {
            throw new IllegalArgumentException("a memory id must not be blank");
        }
        if (id.length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException("a memory id has at most " + MAX_ID_CHARS + " characters, but '"
                    + id.substring(0, 32) + "…' has " + id.length());
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "memory id '" + id.replaceAll("\\p{Cntrl}", "?") + "' holds a control character (shown as ?)");
        }
    }

    /**
     * Checks that {@code query} is at most {@value #MAX_QUERY_CHARS} characters.
     *
     * @throws IllegalArgumentException saying how long it is
     */
    public static void checkQuery(String query) {
        if (query.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("the query is " + query.length() + " characters; the most is "
                    + MAX_QUERY_CHARS + ": search for a few words instead");
        }
    }

    /** Returns {@code limit} brought into 1 to {@value #MAX_HITS}. */
    public static int clampHits(int limit) {
        return Math.max(1, Math.min(MAX_HITS, limit));
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
