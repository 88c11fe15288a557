package dev.pincer.core.config;

import dev.pincer.core.config.Enablement.Decision;
import dev.pincer.core.config.Enablement.Fill;
import dev.pincer.core.config.Enablement.SlotChoice;
import dev.pincer.core.config.Enablement.Status;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.discovery.DiscoveredPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the exclusive slots, for {@link Enablement}: who fills a slot, which candidates that
 * disables or blocks, and what is wrong with a slot's value.
 *
 * <p>Stateless and thread-safe.
 */
final class SlotRules {

    private static final String BUILTIN = Enablement.BUILTIN;
    private static final String NONE = Enablement.NONE;
    private static final Map<String, String> EXCLUSIVE_SLOTS = Enablement.EXCLUSIVE_SLOTS;
    private static final Set<String> RESERVED = Set.of(BUILTIN, NONE);

    private SlotRules() {}

    /** Returns who fills {@code slot}, by the rules {@link Enablement#choose} states. */
    static SlotChoice choose(String slot, List<DiscoveredPlugin> plugins, ConfigLoadResult loaded) {
        String kind = EXCLUSIVE_SLOTS.get(slot);
        if (kind == null) {
            throw new IllegalArgumentException(
                    "'" + slot + "' is not an exclusive slot; the slots are " + EXCLUSIVE_SLOTS.keySet());
        }
        if (!loaded.usable()) {
            return new SlotChoice(
                    slot,
                    Fill.NONE,
                    null,
                    null,
                    List.of(),
                    "config file " + loaded.brokenFiles().get(0) + " has errors, so the " + slot
                            + " slot stays empty until it is fixed");
        }
        List<String> candidates = plugins.stream()
                .filter(p -> provides(p, kind))
                .filter(p -> Enablement.byConfig(p, loaded).status() == Status.ENABLED)
                .map(DiscoveredPlugin::id)
                .sorted()
                .toList();
        PincerConfig.Slot chosen = loaded.config().slots().get(slot);
        if (chosen != null) {
            String value = chosen.pluginId();
            Fill fill = value.equals(BUILTIN) ? Fill.BUILTIN : value.equals(NONE) ? Fill.NONE : Fill.PLUGIN;
            return new SlotChoice(
                    slot,
                    fill,
                    fill == Fill.PLUGIN ? value : null,
                    chosen.origin(),
                    candidates,
                    "[plugins.slots] " + slot + " = \"" + value + "\" in " + chosen.origin());
        }
        if (candidates.isEmpty()) {
            return new SlotChoice(
                    slot,
                    Fill.BUILTIN,
                    null,
                    null,
                    candidates,
                    "no enabled plugin provides " + kind + ", so Pincer's built-in backend fills the " + slot
                            + " slot");
        }
        if (candidates.size() == 1) {
            return new SlotChoice(
                    slot,
                    Fill.PLUGIN,
                    candidates.get(0),
                    null,
                    candidates,
                    "plugin '" + candidates.get(0) + "' is the only enabled plugin that provides " + kind);
        }
        return new SlotChoice(
                slot,
                Fill.CLASH,
                null,
                null,
                candidates,
                "the " + slot + " slot is claimed by several plugins (" + String.join(", ", candidates)
                        + "); choose one with [plugins.slots] " + slot);
    }

    private static boolean provides(DiscoveredPlugin plugin, String kind) {
        return plugin.manifest().map(m -> m.provides().kinds().contains(kind)).orElse(false);
    }

    /** Applies the choice for {@code slot} to {@code decisions}: disables or blocks candidates, reports problems. */
    static void apply(
            String slot,
            List<DiscoveredPlugin> plugins,
            ConfigLoadResult loaded,
            Path homeConfig,
            Map<String, Decision> decisions,
            List<Diagnostic> diagnostics) {
        SlotChoice choice = choose(slot, plugins, loaded);
        List<String> candidates = choice.candidates();
        if (choice.fill() == Fill.CLASH) {
            String kind = EXCLUSIVE_SLOTS.get(slot);
            diagnostics.add(Diagnostic.error(
                    "config.slot-clash",
                    null,
                    homeConfig,
                    "the " + slot + " slot is"
                            + " exclusive, but " + candidates.size() + " enabled plugins provide " + kind + ": "
                            + String.join(", ", candidates) + "; all of them are blocked",
                    "choose one in " + homeConfig + ": [plugins.slots] " + slot + " = \"" + candidates.get(0)
                            + "\" (or \"" + BUILTIN + "\", or \"" + NONE + "\")"));
            candidates.forEach(id -> decisions.put(id, new Decision(Status.BLOCKED, choice.reason())));
            return;
        }
        if (choice.origin() == null) {
            return;
        }
        PincerConfig.Slot chosen = loaded.config().slots().get(slot);
        checkChoice(slot, chosen, plugins, decisions, diagnostics);
        for (String id : candidates) {
            if (!id.equals(choice.pluginId())) {
                decisions.put(
                        id,
                        new Decision(
                                Status.DISABLED,
                                "the " + slot + " slot is assigned to '" + chosen.pluginId() + "' in "
                                        + chosen.origin()));
            }
        }
    }

    private static void checkChoice(
            String slot,
            PincerConfig.Slot chosen,
            List<DiscoveredPlugin> plugins,
            Map<String, Decision> decisions,
            List<Diagnostic> diagnostics) {
        String kind = EXCLUSIVE_SLOTS.get(slot);
        DiscoveredPlugin plugin = plugins.stream()
                .filter(p -> p.id().equals(chosen.pluginId()))
                .findFirst()
                .orElse(null);
        String where = "[plugins.slots] " + slot + " = \"" + chosen.pluginId() + "\" in " + chosen.origin();
        String choices = "the choices are \"" + BUILTIN + "\" (Pincer's own), \"" + NONE + "\" (no " + slot
                + ") or the id of an installed plugin that provides " + kind;
        if (RESERVED.contains(chosen.pluginId())) {
            if (plugin != null) {
                diagnostics.add(Diagnostic.warning(
                        "config.slot-reserved",
                        plugin.id(),
                        chosen.origin(),
                        where + " means " + (chosen.pluginId().equals(BUILTIN) ? "Pincer's own " + slot : "no " + slot)
                                + ", not the installed plugin '" + plugin.id() + "', whose id is a reserved word",
                        "rename the plugin to let it fill the " + slot + " slot"));
            }
        } else if (plugin == null) {
            diagnostics.add(Diagnostic.error(
                    "config.slot-unknown",
                    chosen.pluginId(),
                    chosen.origin(),
                    where + " names a plugin that is not installed; " + choices,
                    Enablement.hintFor(chosen.pluginId(), plugins, RESERVED)));
        } else if (!provides(plugin, kind) && plugin.manifest().isPresent()) {
            diagnostics.add(Diagnostic.error(
                    "config.slot-mismatch",
                    chosen.pluginId(),
                    chosen.origin(),
                    where + " names a plugin that provides no " + kind + "; " + choices,
                    "name a plugin whose manifest lists provides." + kind + ", or \"" + BUILTIN + "\""));
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
}
