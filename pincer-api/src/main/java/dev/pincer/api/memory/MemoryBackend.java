package dev.pincer.api.memory;

import java.util.List;
import java.util.Optional;

/**
 * Stores memory records and finds the ones relevant to a query.
 *
 * <p>Pincer calls backends concurrently for different sessions, through the host's guard, so
 * implementations must be thread-safe. How relevance is computed (keywords, embeddings) is the
 * backend's choice.
 *
 * @since 0.1.0
 */
public interface MemoryBackend {

    /**
     * Returns the backend's id, as the {@code memory} slot in configuration names it.
     *
     * @return a stable, non-blank id such as {@code "sqlite-fts"}
     */
    String id();

    /**
     * Stores a record, replacing any record with the same id.
     *
     * @param record the record, not {@code null}
     * @throws Exception if the record cannot be stored
     */
    void store(MemoryRecord record) throws Exception;

    /**
     * Returns the record with an id, if there is one.
     *
     * @param recordId the record's id, not {@code null}
     * @return the record, or empty if none has that id
     * @throws Exception if the record cannot be read
     * @since 0.1.0
     */
    Optional<MemoryRecord> retrieve(String recordId) throws Exception;

    /**
     * Returns the records most relevant to a query, most relevant first.
     *
     * @param query what to look for, not {@code null}
     * @param limit the most hits to return, positive
     * @return at most {@code limit} hits, never {@code null}
     * @throws Exception if the search fails
     */
    List<MemoryHit> search(String query, int limit) throws Exception;

    /**
     * Deletes a record.
     *
     * @param recordId the record's id, not {@code null}
     * @return {@code true} if a record was deleted, {@code false} if none had that id
     * @throws Exception if the deletion fails
     */
    boolean delete(String recordId) throws Exception;
}
