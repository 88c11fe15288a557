package dev.pincer.api.hook;

import java.util.Objects;

/**
 * Carries the choice of provider and model for an agent turn, which handlers may change.
 *
 * <p>Provider and model are either both set or both {@code null}, which means the gateway's
 * default. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param sessionId the agent session, or {@code null} outside a session
 * @param prompt the user's message that starts the turn, not {@code null}
 * @param providerId the chosen provider's id, or {@code null} for the default
 * @param model the chosen model, or {@code null} for the default
 * @since 0.1.0
 */
public record ModelResolveEvent(String sessionId, String prompt, String providerId, String model) {

    public ModelResolveEvent {
        Objects.requireNonNull(prompt, "prompt");
        if ((providerId == null) != (model == null)) {
            throw new IllegalArgumentException("providerId and model must both be set or both be null, but"
                    + " providerId was " + quote(providerId) + " and model was " + quote(model));
        }
    }

    /**
     * Returns a copy of this event that chooses the given provider and model.
     *
     * @param newProviderId the provider's id, not {@code null}
     * @param newModel the model, not {@code null}
     * @return the copy
     */
    public ModelResolveEvent withModel(String newProviderId, String newModel) {
        Objects.requireNonNull(newProviderId, "newProviderId");
        Objects.requireNonNull(newModel, "newModel");
        return new ModelResolveEvent(sessionId, prompt, newProviderId, newModel);
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
