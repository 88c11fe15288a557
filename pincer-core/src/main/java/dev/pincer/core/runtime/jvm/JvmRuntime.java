package dev.pincer.core.runtime.jvm;

import dev.pincer.api.Plugin;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Loads JVM plugins: resolves their jars, gives each its own {@link PluginClassLoader} and
 * instantiates its entry point.
 *
 * <p>Jars come from the manifest's {@code runtime.classpath}, relative to the plugin folder; an
 * entry ending in {@code *.jar} names the matching jars of its folder, sorted by name, and an empty
 * classpath means {@code lib/*.jar}. Every jar must be a regular file whose real path, after
 * following symbolic links, is inside the plugin folder's real path. The entry point is the class
 * {@code runtime.main} names, or else the one provider of {@link Plugin} that the plugin's own
 * jars list in {@code META-INF/services/dev.pincer.api.Plugin}.
 *
 * <p>Loading runs plugin code (the entry point's static initialisers and constructor), so the host
 * calls {@link #load} through its guard; what that code throws propagates. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class JvmRuntime {

    /** How long {@link LoadedPlugin#unload()} waits by default for interrupted threads to end. */
    public static final Duration DEFAULT_THREAD_GRACE = Duration.ofMillis(200);

    private final Duration threadGrace;
    private final Path copiesRoot;

    /**
     * Creates a runtime whose unloads wait {@code threadGrace} in all for a plugin's interrupted
     * threads to end, and whose class loaders read the plugin's own jars.
     *
     * @throws IllegalArgumentException if {@code threadGrace} is negative
     */
    public JvmRuntime(Duration threadGrace) {
        this(threadGrace, null);
    }

    /**
     * Creates a runtime whose unloads wait {@code threadGrace} in all for a plugin's interrupted
     * threads to end. With a {@code copiesRoot}, each load copies the plugin's jars into a new
     * folder under it and reads the copies, deleted on unload: a build that rewrites a jar in place
     * while the plugin runs cannot corrupt the classes the running generation has yet to load.
     *
     * @param copiesRoot where jar copies go, or {@code null} to read the plugin's own jars
     * @throws IllegalArgumentException if {@code threadGrace} is negative
     */
    public JvmRuntime(Duration threadGrace, Path copiesRoot) {
        if (threadGrace.isNegative()) {
            throw new IllegalArgumentException("threadGrace must not be negative: " + threadGrace);
        }
        this.threadGrace = threadGrace;
        this.copiesRoot = copiesRoot;
    }

    /** Returns a runtime that waits {@link #DEFAULT_THREAD_GRACE} for leftover threads. */
    public static JvmRuntime create() {
        return new JvmRuntime(DEFAULT_THREAD_GRACE);
    }

    /**
     * Loads a plugin and instantiates its entry point, without activating it.
     *
     * <p>{@code dependencyLoaders} maps the id of each of the plugin's dependencies that runs on
     * the JVM to the loader of that dependency; it may leave out dependencies of other runtimes.
     * Each dependency's loader carries the packages its manifest exports ({@link
     * PluginClassLoader#exports()}); those packages, and only those, become visible to this plugin.
     * Unload dependants before their dependencies: a dependant's loader keeps its dependencies'
     * loaders reachable.
     *
     * @param manifest the plugin's manifest, whose runtime must be {@code jvm}
     * @param pluginFolder the folder holding the manifest
     * @param dependencyLoaders dependency plugin id to that dependency's loader
     * @return the loaded plugin
     * @throws PluginLoadException if a jar is missing or outside the folder, the entry point cannot
     *     be found or instantiated, or two dependencies export the same package
     * @throws IllegalArgumentException if the runtime is not {@code jvm}, or {@code
     *     dependencyLoaders} names a plugin that is not a dependency, maps an id to another
     *     plugin's loader, or holds a closed loader
     */
    public LoadedPlugin load(
            PluginManifest manifest, Path pluginFolder, Map<String, PluginClassLoader> dependencyLoaders) {
        Objects.requireNonNull(pluginFolder, "pluginFolder");
        if (!(manifest.runtime() instanceof RuntimeSpec.Jvm spec)) {
            throw new IllegalArgumentException("plugin '" + manifest.id() + "' has a "
                    + manifest.runtime().type().label() + " runtime, not jvm");
        }
        Map<String, PluginClassLoader> imports = imports(manifest, dependencyLoaders);
        List<Path> jars = PluginJars.resolve(manifest.id(), pluginFolder, spec.classpath());
        Path copies = copiesRoot == null ? null : JarCopies.copy(manifest.id(), jars, copiesRoot);
        PluginClassLoader loader = new PluginClassLoader(
                manifest.id(), copies == null ? jars : JarCopies.list(copies), spec.exports(), imports);
        try {
            Plugin plugin = EntryPoints.instantiate(manifest.id(), pluginFolder, loader, spec.main());
            return new LoadedPlugin(manifest.id(), plugin, loader, threadGrace, copies);
        } catch (Throwable e) {
            try {
                loader.close();
                if (copies != null) {
                    JarCopies.delete(copies);
                }
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static Map<String, PluginClassLoader> imports(
            PluginManifest manifest, Map<String, PluginClassLoader> dependencyLoaders) {
        Map<String, PluginClassLoader> imports = new HashMap<>();
        Map<String, String> exporterOf = new HashMap<>();
        for (Map.Entry<String, PluginClassLoader> entry : new TreeMap<>(dependencyLoaders).entrySet()) {
            String dependency = entry.getKey();
            PluginClassLoader loader = checkedDependency(manifest, dependency, entry.getValue());
            for (String pkg : loader.exports()) {
                String other = exporterOf.putIfAbsent(pkg, dependency);
                if (other != null) {
                    throw new PluginLoadException(
                            "runtime.export-clash",
                            manifest.id(),
                            null,
                            "plugin '" + manifest.id() + "' depends on '" + other + "' and '" + dependency
                                    + "', which both export package '" + pkg + "'",
                            "a package can be exported by one plugin only; drop it from one of their"
                                    + " runtime.exports");
                }
                imports.put(pkg, loader);
            }
        }
        return imports;
    }

    private static PluginClassLoader checkedDependency(
            PluginManifest manifest, String dependency, PluginClassLoader loader) {
        Objects.requireNonNull(loader, "dependency loader");
        if (!manifest.dependencies().containsKey(dependency)) {
            throw new IllegalArgumentException(
                    "'" + dependency + "' is not a dependency of plugin '" + manifest.id() + "'");
        }
        if (!loader.pluginId().equals(dependency)) {
            throw new IllegalArgumentException(
                    "the loader given for dependency '" + dependency + "' is " + loader + ", of another plugin");
        }
        if (loader.isClosed()) {
            throw new IllegalArgumentException("the loader of dependency '" + dependency + "' is closed");
        }
        return loader;
    }
}
