package dev.pincer.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Holds the effective {@code [agent]} section: which provider and model answer agent turns, and
 * the limits of a turn and of a session.
 *
 * <p>Immutable. Read from the home config file only: a workspace cannot point the agent at another
 * provider or lift its limits.
 *
 * @param provider the id of the provider to use, or {@code null} to use the only one registered
 * @param model the model to ask for, or {@code null} for the provider's first model
 * @param maxSteps the most model calls in one turn (each answer that asks for tools is one), 1 to
 *     50
 * @param turnTimeout how long one turn may take in all, model calls and tool calls together
 * @param sessionIdle how long a conversation may be quiet before its session ends
 * @param history how many earlier messages of a session are sent with each model call
 * @param soul the persona file, relative to the workspace unless absolute
 * @param stream whether replies are shown while they are written, on channels that can
 * @since 0.1.0
 */
public record AgentSettings(
        String provider,
        String model,
        int maxSteps,
        Duration turnTimeout,
        Duration sessionIdle,
        int history,
        String soul,
        boolean stream) {

    /** The most model calls a turn may make when the config does not say. */
    public static final int DEFAULT_MAX_STEPS = 8;

    public AgentSettings {
        Objects.requireNonNull(turnTimeout, "turnTimeout");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(soul, "soul");
        if (maxSteps < 1 || maxSteps > 50) {
            throw new IllegalArgumentException("agent max_steps must be between 1 and 50, but was " + maxSteps);
        }
        if (history < 0) {
            throw new IllegalArgumentException("agent history must not be negative, but was " + history);
        }
        if (turnTimeout.isNegative() || turnTimeout.isZero()) {
            throw new IllegalArgumentException("agent turn_timeout must be positive, but was " + turnTimeout);
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new IllegalArgumentException("agent session_idle must be positive, but was " + sessionIdle);
        }
    }

    /**
     * Returns the defaults: the only registered provider and its first model, 8 steps, 2 minutes a
     * turn, sessions ending after 30 quiet minutes, 40 messages of history, {@code SOUL.md} in the
     * workspace, streaming on.
     */
    public static AgentSettings defaults() {
        return new AgentSettings(
                null, null, DEFAULT_MAX_STEPS, Duration.ofMinutes(2), Duration.ofMinutes(30), 40, "SOUL.md", true);
    }
}
