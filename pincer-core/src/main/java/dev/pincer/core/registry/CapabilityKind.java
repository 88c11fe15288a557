package dev.pincer.core.registry;

/**
 * Names the kinds of capability a plugin can register, one per key of the manifest's {@code
 * provides} object.
 *
 * @since 0.1.0
 */
public enum CapabilityKind {
    /** A tool an agent can call. */
    TOOL("tools", "tool"),
    /** A slash command a user can type. */
    COMMAND("commands", "command"),
    /** A handler on a hook point; many plugins may hook the same point. */
    HOOK("hooks", "hook"),
    /** A skill an agent can load. */
    SKILL("skills", "skill"),
    /** A background service. */
    SERVICE("services", "service"),
    /** A channel messages arrive through. */
    CHANNEL("channels", "channel"),
    /** A stage of the message pipeline. */
    STAGE("stages", "stage"),
    /** A model provider. */
    PROVIDER("providers", "provider"),
    /** A memory backend. */
    MEMORY("memory", "memory backend"),
    /** A resource or resource template, named by its URI. */
    RESOURCE("resources", "resource"),
    /** A prompt people can start a conversation with. */
    PROMPT("prompts", "prompt");

    private final String label;
    private final String noun;

    CapabilityKind(String label, String noun) {
        this.label = label;
        this.noun = noun;
    }

    /** Returns the manifest's {@code provides} key for this kind, e.g. {@code "tools"}. */
    public String label() {
        return label;
    }

    /** Returns the word for one capability of this kind in messages, e.g. {@code "tool"}. */
    public String noun() {
        return noun;
    }

    /**
     * Returns whether a name of this kind belongs to one plugin only. Hooks are shared (many
     * plugins hook one point) and service names only need to be unique within their plugin (the
     * supervisor checks that); every other kind is owned by exactly one plugin.
     */
    public boolean ownedByOne() {
        return this != HOOK && this != SERVICE;
    }
}
