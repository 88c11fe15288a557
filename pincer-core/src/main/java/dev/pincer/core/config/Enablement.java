package dev.pincer.core.config;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.discovery.DiscoveredPlugin;
import dev.pincer.core.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides, from configuration and the manifest's {@code enabledByDefault}, whether each
 * discovered plugin is enabled, disabled or blocked, and records why.
 *
 * <p>Rules, first match wins: an unusable config file blocks everything (fail closed); a deny
 * list entry blocks; an allowlist that does not name the plugin blocks; {@code enabled = false}
 * disables; {@code enabled = true} enables; a manifest that says {@code enabledByDefault = false}
 * disables; an exclusive slot assigned to another plugin, or to {@value #BUILTIN} or {@value
 * #NONE}, disables; a slot clash (several enabled candidates, none chosen) blocks every candidate;
 * otherwise the plugin is enabled. {@link #choose} says who fills a slot. Stateless and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class Enablement {

    /** Exclusive slots, by name, and the {@code provides} kind that makes a plugin a candidate. */
    public static final Map<String, String> EXCLUSIVE_SLOTS = Map.of("memory", "memory");

    /** The slot value that fills a slot with what Pincer itself bundles (for memory, SQLite full-text search). */
    public static final String BUILTIN = "builtin";

    /** The slot value that leaves a slot empty on purpose. */
    public static final String NONE = "none";

    /** Who fills an exclusive slot. */
    public enum Fill {
        /** What Pincer itself bundles. */
        BUILTIN,
        /** Nothing: the slot is empty. */
        NONE,
        /** A plugin, named by {@link SlotChoice#pluginId()}. */
        PLUGIN,
        /** Several enabled plugins claim the slot and configuration picks none; all are blocked. */
        CLASH
    }

    /**
     * Says who fills one exclusive slot, and why.
     *
     * @param slot the slot, e.g. {@code memory}
     * @param fill who fills it
     * @param pluginId for {@link Fill#PLUGIN}, the plugin named (which may be missing, disabled or
     *     unfit: the diagnostics of {@link #decide} say so); otherwise {@code null}
     * @param origin the config file that set the slot, or {@code null} when the rules chose
     * @param candidates the enabled plugins that provide the slot's kind, sorted
     * @param reason a sentence for a person naming the rule and the file it came from
     */
    public record SlotChoice(
            String slot, Fill fill, String pluginId, Path origin, List<String> candidates, String reason) {
        public SlotChoice {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(fill, "fill");
            Objects.requireNonNull(reason, "reason");
            candidates = List.copyOf(candidates);
            if ((fill == Fill.PLUGIN) != (pluginId != null)) {
                throw new IllegalArgumentException("a plugin id comes with PLUGIN and only then, got " + fill);
            }
        }
    }

    /** Whether a plugin may be used, before resolution. */
    public enum Status {
        ENABLED,
        DISABLED,
        BLOCKED
    }

    /**
     * Says what was decided for one plugin and why.
     *
     * @param status the decision
     * @param reason a sentence naming the rule and the file it came from
     */
    public record Decision(Status status, String reason) {
        public Decision {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Carries every decision and the findings about the configuration itself.
     *
     * @param decisions by plugin id
     * @param diagnostics slot clashes, unknown ids and the like
     */
    public record Result(Map<String, Decision> decisions, List<Diagnostic> diagnostics) {
        public Result {
            decisions = Collections.unmodifiableMap(new TreeMap<>(decisions));
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private Enablement() {}

    /** Returns the decision for every plugin in {@code plugins}. */
    public static Result decide(List<DiscoveredPlugin> plugins, ConfigLoadResult loaded, Path homeConfig) {
        Map<String, Decision> decisions = new HashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        PincerConfig config = loaded.config();
        for (DiscoveredPlugin plugin : plugins) {
            decisions.put(plugin.id(), byConfig(plugin, loaded));
        }
        if (loaded.usable()) {
            EXCLUSIVE_SLOTS
                    .keySet()
                    .forEach(slot -> SlotRules.apply(slot, plugins, loaded, homeConfig, decisions, diagnostics));
            unknownIds(plugins, config, diagnostics);
        }
        return new Result(decisions, diagnostics);
    }

    /**
     * Returns the decision for {@code plugin} from the deny list, allowlist, entries and its
     * manifest's {@code enabledByDefault}, before slots.
     */
    static Decision byConfig(DiscoveredPlugin plugin, ConfigLoadResult loaded) {
        String id = plugin.id();
        if (!loaded.usable()) {
            return new Decision(
                    Status.BLOCKED,
                    "config file " + loaded.brokenFiles().get(0)
                            + " has errors, so every plugin is blocked until it is fixed (see `pincer plugins doctor`)");
        }
        PincerConfig config = loaded.config();
        if (config.deny().containsKey(id)) {
            return new Decision(
                    Status.BLOCKED, "denied by plugins.deny in " + config.deny().get(id));
        }
        if (config.allow() != null && !config.allow().contains(id)) {
            return new Decision(
                    Status.BLOCKED,
                    "not in plugins.allow ("
                            + config.allowOrigins().stream().map(Path::toString).collect(Collectors.joining(", "))
                            + ")");
        }
        PincerConfig.Entry entry = config.entries().get(id);
        if (entry != null && Boolean.FALSE.equals(entry.enabled())) {
            return new Decision(Status.DISABLED, "disabled in " + entry.enabledOrigin());
        }
        if (entry != null && Boolean.TRUE.equals(entry.enabled())) {
            return new Decision(Status.ENABLED, "enabled in " + entry.enabledOrigin());
        }
        if (!plugin.manifest().map(PluginManifest::enabledByDefault).orElse(true)) {
            return new Decision(
                    Status.DISABLED,
                    "disabled by default (its manifest says enabledByDefault = false); enable it with"
                            + " `pincer plugins enable " + id + "`");
        }
        return new Decision(Status.ENABLED, "enabled by default");
    }

    /**
     * Returns who fills exclusive {@code slot}: what {@code [plugins.slots]} names ({@value #BUILTIN},
     * {@value #NONE} or a plugin id, installed or not), else the only enabled plugin that provides
     * the slot's kind, else {@link Fill#BUILTIN} when none does; several such plugins are a {@link
     * Fill#CLASH}. An unusable config file leaves every slot empty ({@link Fill#NONE}): fail closed.
     *
     * @param slot a key of {@link #EXCLUSIVE_SLOTS}
     * @throws IllegalArgumentException if {@code slot} is not an exclusive slot
     */
    public static SlotChoice choose(String slot, List<DiscoveredPlugin> plugins, ConfigLoadResult loaded) {
        return SlotRules.choose(slot, plugins, loaded);
    }

    private static void unknownIds(List<DiscoveredPlugin> plugins, PincerConfig config, List<Diagnostic> diagnostics) {
        Set<String> known = plugins.stream().map(DiscoveredPlugin::id).collect(Collectors.toSet());
        config.entries().forEach((id, entry) -> {
            if (!known.contains(id)) {
                Path origin = entry.enabledOrigin() != null ? entry.enabledOrigin() : entry.configOrigin();
                diagnostics.add(Diagnostic.warning(
                        "config.unknown-plugin",
                        id,
                        origin,
                        "[plugins.entries." + id + "] in " + origin + " names a plugin that is not installed",
                        hintFor(id, plugins)));
            }
        });
    }

    private static String hintFor(String id, List<DiscoveredPlugin> plugins) {
        return hintFor(id, plugins, Set.of());
    }

    /** Suggests the closest of the installed plugin ids and {@code words}. */
    static String hintFor(String id, List<DiscoveredPlugin> plugins, Set<String> words) {
        List<String> names = new ArrayList<>(words);
        plugins.forEach(p -> names.add(p.id()));
        return Suggestions.closest(id, names)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("`pincer plugins list` shows the installed plugins");
    }
}
