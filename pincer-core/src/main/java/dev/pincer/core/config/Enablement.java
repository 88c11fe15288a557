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
 * disables; an exclusive slot assigned to another plugin disables; a slot clash (several enabled
 * candidates, none chosen) blocks every candidate; otherwise the plugin is enabled. Stateless and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class Enablement {

    /** Exclusive slots, by name, and the {@code provides} kind that makes a plugin a candidate. */
    public static final Map<String, String> EXCLUSIVE_SLOTS = Map.of("memory", "memory");

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
            EXCLUSIVE_SLOTS.forEach(
                    (slot, kind) -> slot(slot, kind, plugins, config, homeConfig, decisions, diagnostics));
            unknownIds(plugins, config, diagnostics);
        }
        return new Result(decisions, diagnostics);
    }

    private static Decision byConfig(DiscoveredPlugin plugin, ConfigLoadResult loaded) {
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

    private static void slot(
            String slot,
            String kind,
            List<DiscoveredPlugin> plugins,
            PincerConfig config,
            Path homeConfig,
            Map<String, Decision> decisions,
            List<Diagnostic> diagnostics) {
        List<String> candidates = plugins.stream()
                .filter(p -> p.manifest()
                        .map(m -> m.provides().kinds().contains(kind))
                        .orElse(false))
                .map(DiscoveredPlugin::id)
                .filter(id -> decisions.get(id).status() == Status.ENABLED)
                .sorted()
                .toList();
        PincerConfig.Slot chosen = config.slots().get(slot);
        if (chosen != null) {
            checkChoice(slot, kind, chosen, plugins, decisions, diagnostics);
            for (String id : candidates) {
                if (!id.equals(chosen.pluginId())) {
                    decisions.put(
                            id,
                            new Decision(
                                    Status.DISABLED,
                                    "the " + slot + " slot is assigned to '" + chosen.pluginId() + "' in "
                                            + chosen.origin()));
                }
            }
        } else if (candidates.size() > 1) {
            String names = String.join(", ", candidates);
            diagnostics.add(Diagnostic.error(
                    "config.slot-clash",
                    null,
                    homeConfig,
                    "the " + slot + " slot is"
                            + " exclusive, but " + candidates.size() + " enabled plugins provide " + kind + ": " + names
                            + "; all of them are blocked",
                    "choose one in " + homeConfig + ": [plugins.slots] " + slot + " = \"" + candidates.get(0) + "\""));
            for (String id : candidates) {
                decisions.put(
                        id,
                        new Decision(
                                Status.BLOCKED,
                                "the " + slot + " slot is claimed by several plugins (" + names
                                        + "); choose one with [plugins.slots] " + slot));
            }
        }
    }

    private static void checkChoice(
            String slot,
            String kind,
            PincerConfig.Slot chosen,
            List<DiscoveredPlugin> plugins,
            Map<String, Decision> decisions,
            List<Diagnostic> diagnostics) {
        DiscoveredPlugin plugin = plugins.stream()
                .filter(p -> p.id().equals(chosen.pluginId()))
                .findFirst()
                .orElse(null);
        String where = "[plugins.slots] " + slot + " = \"" + chosen.pluginId() + "\" in " + chosen.origin();
        if (plugin == null) {
            diagnostics.add(Diagnostic.error(
                    "config.slot-unknown",
                    chosen.pluginId(),
                    chosen.origin(),
                    where + " names a plugin that is not installed",
                    hintFor(chosen.pluginId(), plugins)));
        } else if (plugin.manifest()
                .map(PluginManifest::provides)
                .map(p -> !p.kinds().contains(kind))
                .orElse(false)) {
            diagnostics.add(Diagnostic.error(
                    "config.slot-mismatch",
                    chosen.pluginId(),
                    chosen.origin(),
                    where + " names a plugin that provides no " + kind,
                    "name a plugin whose manifest lists provides." + kind));
        } else if (decisions.get(plugin.id()).status() != Status.ENABLED) {
            diagnostics.add(Diagnostic.warning(
                    "config.slot-disabled",
                    chosen.pluginId(),
                    chosen.origin(),
                    where
                            + " names a plugin that is not enabled ("
                            + decisions.get(plugin.id()).reason() + "), so no "
                            + slot + " plugin runs",
                    "enable it: pincer plugins enable " + plugin.id()));
        }
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
        return Suggestions.closest(
                        id, plugins.stream().map(DiscoveredPlugin::id).toList())
                .map(s -> "did you mean '" + s + "'?")
                .orElse("`pincer plugins list` shows the installed plugins");
    }
}
