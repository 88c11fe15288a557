package dev.pincer.core.registry;

import java.util.Objects;

/**
 * Describes one capability a plugin registered: its kind, its name, the plugin that owns it and
 * the object the host keeps for it (for a tool, say, its spec and handler).
 *
 * <p>Immutable as far as the registry is concerned; {@code value} should be immutable or
 * thread-safe, because every reader of a snapshot shares it.
 *
 * @param kind what kind of capability it is
 * @param name its name: the tool or command name, or for a hook the hook point's name
 * @param owner the id of the plugin that registered it
 * @param value what the host keeps for it; never {@code null}
 * @since 0.1.0
 */
public record Capability(CapabilityKind kind, String name, String owner, Object value) {

    public Capability {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a " + kind.noun() + " of plugin '" + owner + "' needs a name");
        }
        if (owner.isBlank()) {
            throw new IllegalArgumentException(kind.noun() + " '" + name + "' needs an owning plugin id");
        }
    }

    /**
     * Returns the value as a {@code type}.
     *
     * @throws ClassCastException naming the capability and both types when the value is not one
     */
    public <T> T valueAs(Class<T> type) {
        if (!type.isInstance(value)) {
            throw new ClassCastException(
                    describe() + " holds a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    /** Returns the capability as words for a person, e.g. {@code "tool 'forecast' of plugin 'weather'"}. */
    public String describe() {
        return kind.noun() + " '" + name + "' of plugin '" + owner + "'";
    }
}
