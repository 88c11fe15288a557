package dev.pincer.core.lifecycle;

import java.util.Locale;

/**
 * Names the kind of call Pincer makes into plugin code, for the guard and its reports.
 *
 * @since 0.1.0
 */
public enum Phase {
    /** {@code Plugin.activate}: a failure fails the plugin. */
    ACTIVATE(true),
    /** {@code Plugin.deactivate}: a failure fails the plugin (it is unloaded anyway). */
    DEACTIVATE(true),
    /** A tool call: a failure is the call's error, the plugin stays active. */
    TOOL(false),
    /** A hook handler: a failure is reported; gates treat it as a block. */
    HOOK(false),
    /** A resource read or a prompt rendered: a failure is the reader's error. */
    READ(false),
    /** A slash command: a failure is the command's error. */
    COMMAND(false),
    /** A service's start or stop: the supervisor decides about restarts. */
    SERVICE(false),
    /** A health check: a failure counts as unhealthy. */
    HEALTH(false),
    /** A channel's start, stop or send: a failure is reported, the message is lost for that channel. */
    CHANNEL(false),
    /** A pipeline stage: a failure is reported and the message passes on unchanged. */
    STAGE(false),
    /** A model provider's answer: a failure ends the agent turn with its message. */
    PROVIDER(false),
    /** A call into a memory backend: a failure is the memory tool's error, the plugin stays active. */
    MEMORY(false);

    private final boolean failsPlugin;

    Phase(boolean failsPlugin) {
        this.failsPlugin = failsPlugin;
    }

    /** Returns whether a failure in this phase marks the plugin failed. */
    public boolean failsPlugin() {
        return failsPlugin;
    }

    /** Returns the lower-case word used in messages, e.g. {@code "activate"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
