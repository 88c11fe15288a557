package dev.pincer.core.permissions;

import java.util.Optional;

/**
 * Looks up the approvals a person gave.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface ApprovalBook {

    /** A book with no approvals in it: every plugin that asks for something waits. */
    ApprovalBook EMPTY = new ApprovalBook() {
        @Override
        public Optional<Approval> find(String pluginId, String version) {
            return Optional.empty();
        }

        @Override
        public Optional<Approval> latest(String pluginId) {
            return Optional.empty();
        }
    };

    /** Returns the approval of exactly {@code version} of {@code pluginId}. */
    Optional<Approval> find(String pluginId, String version);

    /** Returns the most recent approval of any version of {@code pluginId}. */
    Optional<Approval> latest(String pluginId);
}
