package dev.pincer.core.host;

import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
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
    private final Map<String, PluginManifest> manifests = new HashMap<>();

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
