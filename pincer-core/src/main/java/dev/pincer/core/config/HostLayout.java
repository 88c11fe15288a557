package dev.pincer.core.config;

import dev.pincer.core.discovery.PluginRoot;
import dev.pincer.core.discovery.RootKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Says where Pincer's state and plugins live for one run: the home folder, the workspace, the
 * bundled plugins, and the environment plugin settings may refer to.
 *
 * <p>Immutable. Built once at the edge (the CLI's {@code main}) and passed in, so nothing deeper
 * reads system properties or the process environment.
 *
 * @param home {@code $PINCER_HOME}, by default {@code ~/.pincer}
 * @param workspace the workspace, by default the current directory
 * @param bundledPlugins the folder of plugins shipped with Pincer, or {@code null} when none
 * @param env the environment for {@code ${NAME}} interpolation
 * @since 0.1.0
 */
public record HostLayout(Path home, Path workspace, Path bundledPlugins, Map<String, String> env) {

    public HostLayout {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(workspace, "workspace");
        env = Map.copyOf(env);
        home = home.toAbsolutePath().normalize();
        workspace = workspace.toAbsolutePath().normalize();
        bundledPlugins =
                bundledPlugins == null ? null : bundledPlugins.toAbsolutePath().normalize();
    }

    /** Returns {@code $PINCER_HOME/config.toml}. */
    public Path homeConfig() {
        return home.resolve("config.toml");
    }

    /** Returns the workspace's {@code pincer.toml}. */
    public Path workspaceConfig() {
        return workspace.resolve("pincer.toml");
    }

    /** Returns the bundled plugin folder, if there is one. */
    public Optional<Path> bundled() {
        return Optional.ofNullable(bundledPlugins);
    }

    /**
     * Returns the plugin roots in increasing precedence: bundled, home, workspace, then config
     * paths (the first listed highest).
     */
    public List<PluginRoot> roots(List<ConfiguredPath> configPaths) {
        List<PluginRoot> roots = new ArrayList<>();
        bundled().ifPresent(p -> roots.add(new PluginRoot(RootKind.BUNDLED, p, 0, "the Pincer distribution")));
        roots.add(new PluginRoot(RootKind.HOME, home.resolve("plugins"), 1, "PINCER_HOME"));
        roots.add(new PluginRoot(
                RootKind.WORKSPACE, workspace.resolve(".pincer").resolve("plugins"), 2, "the workspace"));
        for (int i = 0; i < configPaths.size(); i++) {
            ConfiguredPath path = configPaths.get(i);
            roots.add(new PluginRoot(
                    RootKind.CONFIG,
                    path.path(),
                    3 + configPaths.size() - i,
                    path.origin().toString()));
        }
        return roots;
    }
}
