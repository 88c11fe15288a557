package dev.pincer.core.services;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports one supervised service: who owns it, what state it is in and since when, how often it was
 * restarted, and the last thing that went wrong.
 *
 * <p>Immutable and thread-safe; a snapshot, not a live view.
 *
 * @param pluginId the plugin that registered the service
 * @param name the service's name, unique within its plugin
 * @param state its state
 * @param restarts how many restarts the supervisor has scheduled for it since it was last started
 *     by the host
 * @param lastError the last failure, as a sentence for a person, or {@code null} when none
 * @param since when it entered {@code state}, by the supervisor's clock
 * @since 0.1.0
 */
public record ServiceStatus(
        String pluginId, String name, ServiceState state, int restarts, String lastError, Instant since) {

    public ServiceStatus {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must not be negative, but was " + restarts);
        }
    }

    /** Returns the last failure, if any. */
    public Optional<String> lastErrorIfAny() {
        return Optional.ofNullable(lastError);
    }
}
