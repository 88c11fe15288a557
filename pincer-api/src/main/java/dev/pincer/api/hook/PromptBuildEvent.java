package dev.pincer.api.hook;

import java.util.Objects;

/**
 * Carries the system prompt of an agent turn before it is built, which handlers may extend.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value.
 *
 * @param sessionId the agent session, or {@code null} outside a session
 * @param prompt the user's message that starts the turn, not {@code null}
 * @param systemPrompt the system prompt so far, not {@code null}; may be empty
 * @since 0.1.0
 */
public record PromptBuildEvent(String sessionId, String prompt, String systemPrompt) {

    public PromptBuildEvent {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
    }

    /**
     * Returns a copy of this event whose system prompt ends with the given section, separated from
     * what was there by a blank line.
     *
     * @param section the text to add, not {@code null}
     * @return the copy
     */
    public PromptBuildEvent withSystemPromptAppended(String section) {
        Objects.requireNonNull(section, "section");
        String joined = systemPrompt.isEmpty() ? section : systemPrompt + "\n\n" + section;
        return new PromptBuildEvent(sessionId, prompt, joined);
    }
}
