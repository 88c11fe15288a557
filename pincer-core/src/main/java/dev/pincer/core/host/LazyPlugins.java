package dev.pincer.core.host;

import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.registry.CapabilityKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers which not-yet-active lazy plugin declares each tool and command, so the first use of
 * one can activate its plugin; the first plugin to declare a name keeps it.
 *
 * <p>Thread-safe.
 */
final class LazyPlugins {

    private final Map<String, String> tools = new HashMap<>();
    private final Map<String, String> commands = new HashMap<>();
    private final Map<String, PluginManifest> manifests = new java.util.LinkedHashMap<>();

    /** Records the tools and commands {@code manifest} declares. */
    synchronized void add(PluginManifest manifest) {
        String id = manifest.id();
        manifests.put(id, manifest);
        manifest.provides().tools().stream().map(Provides.Tool::name).forEach(t -> tools.putIfAbsent(t, id));
        manifest.provides().commands().stream().map(Provides.Command::name).forEach(c -> commands.putIfAbsent(c, id));
    }

    /** Forgets {@code id}: it is active now, or will never be. */
    synchronized void remove(String id) {
        manifests.remove(id);
        tools.values().removeIf(id::equals);
        commands.values().removeIf(id::equals);
    }

    /** Returns the lazy plugin that declares tool {@code name}, if any. */
    synchronized Optional<String> forTool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** Returns the lazy plugin that declares command {@code name}, if any. */
    synchronized Optional<String> forCommand(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /**
     * Returns the lazy plugins whose manifests declare a capability of {@code kind} named {@code
     * name} ({@code null}: any), in the order they were added; tools and commands as {@link
     * #forTool} and {@link #forCommand} find them, every other kind by its declared names.
     */
    synchronized List<String> declaring(CapabilityKind kind, String name) {
        List<String> ids = new ArrayList<>();
        manifests.forEach((id, manifest) -> {
            Provides p = manifest.provides();
            List<String> names =
                    switch (kind) {
                        case TOOL -> p.tools().stream().map(Provides.Tool::name).toList();
                        case COMMAND ->
                            p.commands().stream().map(Provides.Command::name).toList();
                        case HOOK -> p.hooks();
                        case SKILL -> p.skills();
                        case SERVICE -> p.services();
                        case CHANNEL -> p.channels();
                        case STAGE ->
                            p.stages().stream().map(Provides.Stage::name).toList();
                        case PROVIDER -> p.providers();
                        case MEMORY -> p.memory();
                        case RESOURCE -> p.resources();
                        case PROMPT -> p.prompts();
                    };
            if (name == null ? !names.isEmpty() : names.contains(name)) {
                ids.add(id);
            }
        });
        return List.copyOf(ids);
    }

    /** Returns tool name to plugin id for every declared tool. */
    synchronized Map<String, String> tools() {
        return Map.copyOf(tools);
    }

    /** Returns what the lazy plugins' manifests say about their tools. */
    synchronized List<ToolInfo> toolInfos() {
        List<ToolInfo> infos = new ArrayList<>();
        tools.forEach((name, id) -> manifests.get(id).provides().tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .ifPresent(t -> infos.add(new ToolInfo(
                        name,
                        id,
                        t.description(),
                        t.inputSchema() == null ? null : t.inputSchema().toString(),
                        t.destructive(),
                        true))));
        return infos;
    }
}
