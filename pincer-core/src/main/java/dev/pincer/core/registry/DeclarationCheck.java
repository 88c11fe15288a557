package dev.pincer.core.registry;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.Provides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares what a plugin's manifest declares in {@code provides} with what the plugin actually
 * registered, by kind and name (for hooks, by hook point; a stage's direction is not compared).
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class DeclarationCheck {

    private static final String DEFAULT_MANIFEST = "pincer-plugin.json";

    private DeclarationCheck() {}

    /**
     * Returns a warning for every capability {@code pluginId} registered but does not declare
     * ({@code registry.undeclared}) and for every one it declares but did not register ({@code
     * registry.unregistered}), by kind in {@link CapabilityKind} order, then by name.
     *
     * @param pluginId the plugin to check
     * @param manifestFile its manifest, named in the findings; {@code null} when not known
     * @param declared its manifest's {@code provides}
     * @param registered the registry after the plugin activated
     */
    public static List<Diagnostic> check(
            String pluginId, Path manifestFile, Provides declared, RegistrySnapshot registered) {
        return check(pluginId, manifestFile, declared, registered, Set.of());
    }

    /**
     * Returns the findings of {@link #check(String, Path, Provides, RegistrySnapshot)}, except that
     * for a kind in {@code discovered} of which the manifest declares nothing, what the plugin
     * registered is not reported as undeclared: such a plugin learns those capabilities at run time
     * (an MCP server's tools), and a manifest that lists some of them uses the list as an allowlist.
     *
     * @param discovered the kinds the plugin discovers rather than declares
     */
    public static List<Diagnostic> check(
            String pluginId,
            Path manifestFile,
            Provides declared,
            RegistrySnapshot registered,
            Set<CapabilityKind> discovered) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(discovered, "discovered");
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(registered, "registered");
        String file = manifestFile == null || manifestFile.getFileName() == null
                ? DEFAULT_MANIFEST
                : manifestFile.getFileName().toString();
        Map<CapabilityKind, Set<String>> declaredNames = declaredNames(declared);
        Map<CapabilityKind, Set<String>> registeredNames = registeredNames(pluginId, registered);
        List<Diagnostic> findings = new ArrayList<>();
        for (CapabilityKind kind : CapabilityKind.values()) {
            Set<String> said = declaredNames.getOrDefault(kind, Set.of());
            Set<String> did = registeredNames.getOrDefault(kind, Set.of());
            String where = "provides." + kind.label() + " in " + file;
            boolean learnt = discovered.contains(kind) && said.isEmpty();
            for (String name : did) {
                if (!learnt && !said.contains(name)) {
                    findings.add(finding(
                            "registry.undeclared",
                            pluginId,
                            manifestFile,
                            "registered " + kind.noun() + " '" + name + "' but does not declare it",
                            "add it to " + where));
                }
            }
            for (String name : said) {
                if (!did.contains(name)) {
                    findings.add(finding(
                            "registry.unregistered",
                            pluginId,
                            manifestFile,
                            "declares " + kind.noun() + " '" + name + "' but did not register it",
                            "register it when the plugin activates, or remove it from " + where));
                }
            }
        }
        return List.copyOf(findings);
    }

    private static Diagnostic finding(String code, String pluginId, Path manifestFile, String what, String hint) {
        return Diagnostic.warning(code, pluginId, manifestFile, "plugin '" + pluginId + "' " + what, hint);
    }

    private static Map<CapabilityKind, Set<String>> registeredNames(String pluginId, RegistrySnapshot registered) {
        Map<CapabilityKind, Set<String>> names = new EnumMap<>(CapabilityKind.class);
        for (Capability c : registered.ownedBy(pluginId)) {
            names.computeIfAbsent(c.kind(), k -> new TreeSet<>()).add(c.name());
        }
        return names;
    }

    private static Map<CapabilityKind, Set<String>> declaredNames(Provides p) {
        Map<CapabilityKind, Set<String>> names = new EnumMap<>(CapabilityKind.class);
        names.put(CapabilityKind.TOOL, sorted(p.tools(), Provides.Tool::name));
        names.put(CapabilityKind.COMMAND, sorted(p.commands(), Provides.Command::name));
        names.put(CapabilityKind.HOOK, sorted(p.hooks(), Function.identity()));
        names.put(CapabilityKind.SKILL, sorted(p.skills(), Function.identity()));
        names.put(CapabilityKind.SERVICE, sorted(p.services(), Function.identity()));
        names.put(CapabilityKind.CHANNEL, sorted(p.channels(), Function.identity()));
        names.put(CapabilityKind.STAGE, sorted(p.stages(), Provides.Stage::name));
        names.put(CapabilityKind.PROVIDER, sorted(p.providers(), Function.identity()));
        names.put(CapabilityKind.MEMORY, sorted(p.memory(), Function.identity()));
        names.put(CapabilityKind.RESOURCE, sorted(p.resources(), Function.identity()));
        names.put(CapabilityKind.PROMPT, sorted(p.prompts(), Function.identity()));
        return names;
    }

    private static <T> Set<String> sorted(List<T> items, Function<T, String> name) {
        Set<String> names = new TreeSet<>();
        items.forEach(item -> names.add(name.apply(item)));
        return names;
    }
}
