package dev.pincer.core.memory;

import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.Enablement;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import java.util.Objects;

/**
 * Says which memory backend is in use: Pincer's built-in SQLite backend, none, or the backend a
 * plugin registers, with the reason for a person.
 *
 * <p>{@link #of} decides from {@code [plugins.slots] memory} and the installed plugins: {@code
 * "builtin"} or {@code "none"} as written; a plugin id names that plugin (installed or not; the
 * memory tools say what is wrong with it when called); with nothing set, the only enabled plugin
 * that provides memory, else the built-in backend when no plugin does. Several such plugins (a
 * slot clash, which blocks them all) and an unusable config file both mean no memory, so that
 * memories never go to a backend nobody chose.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind which backend
 * @param pluginId for {@link Kind#PLUGIN}, the plugin whose registered backend serves; otherwise
 *     {@code null}
 * @param origin why, for a person: the config line or the rule that decided
 * @since 0.1.0
 */
public record MemoryChoice(Kind kind, String pluginId, String origin) {

    /** Which backend serves memory. */
    public enum Kind {
        /** Pincer's own {@link SqliteMemory}, in {@code pincer.db}. */
        BUILTIN,
        /** No memory: the memory tools are not offered. */
        NONE,
        /** The backend a plugin registers. */
        PLUGIN
    }

    public MemoryChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        if ((kind == Kind.PLUGIN) != (pluginId != null)) {
            throw new IllegalArgumentException("a memory choice names a plugin with PLUGIN and only then, got " + kind
                    + (pluginId == null ? "" : " and '" + pluginId + "'"));
        }
    }

    /** Returns the choice of the built-in backend, for {@code origin}. */
    public static MemoryChoice builtin(String origin) {
        return new MemoryChoice(Kind.BUILTIN, null, origin);
    }

    /** Returns the choice of no memory, for {@code origin}. */
    public static MemoryChoice none(String origin) {
        return new MemoryChoice(Kind.NONE, null, origin);
    }

    /** Returns the choice of the backend plugin {@code pluginId} registers, for {@code origin}. */
    public static MemoryChoice plugin(String pluginId, String origin) {
        return new MemoryChoice(Kind.PLUGIN, Objects.requireNonNull(pluginId, "pluginId"), origin);
    }

    /**
     * Returns the choice the configuration {@code loaded} makes among the plugins of {@code
     * catalog}, which must have been scanned under {@code loaded}.
     */
    public static MemoryChoice of(ConfigLoadResult loaded, Catalog catalog) {
        Enablement.SlotChoice slot = Enablement.choose(
                "memory", catalog.entries().stream().map(CatalogEntry::plugin).toList(), loaded);
        return switch (slot.fill()) {
            case BUILTIN -> builtin(slot.reason());
            case NONE -> none(slot.reason());
            case PLUGIN -> plugin(slot.pluginId(), slot.reason());
            case CLASH -> none(slot.reason() + "; until then there is no memory");
        };
    }

    /** Returns the choice in words, e.g. {@code "built-in SQLite memory ([plugins.slots] …)"}. */
    public String describe() {
        return switch (kind) {
            case BUILTIN -> "built-in SQLite memory (" + origin + ")";
            case NONE -> "no memory (" + origin + ")";
            case PLUGIN -> "the memory backend of plugin '" + pluginId + "' (" + origin + ")";
        };
    }
}
