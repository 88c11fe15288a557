package dev.pincer.core.manifest;

/**
 * Remembers manifests that validated without a single finding, by the SHA-256 of their exact
 * bytes, so that an unchanged manifest is not validated again.
 *
 * <p>Sound by construction: the same bytes checked by the same Pincer version against the same
 * schema give the same findings, and implementations key their entries by both. Implementations
 * are thread-safe.
 *
 * @since 0.1.0
 */
public interface ValidationCache {

    /** Returns whether a manifest with this content digest validated clean before. */
    boolean isClean(String digest);

    /** Records that a manifest with this content digest validated clean. */
    void recordClean(String digest);

    /** Returns a cache that remembers nothing. */
    static ValidationCache none() {
        return NoCache.INSTANCE;
    }

    /** The cache that remembers nothing. */
    enum NoCache implements ValidationCache {
        INSTANCE;

        @Override
        public boolean isClean(String digest) {
            return false;
        }

        @Override
        public void recordClean(String digest) {}
    }
}
