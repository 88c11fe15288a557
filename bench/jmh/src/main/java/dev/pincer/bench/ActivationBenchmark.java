package dev.pincer.bench;

import dev.pincer.core.config.HostLayout;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.registry.CapabilityKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Measures activating {@value #PLUGINS} jar plugins, one class and one tool each, with Pincer and
 * with PF4J in the same run.
 *
 * <p>{@code pincer} times {@link PluginCatalog#scan} (config, discovery, manifest reading,
 * enablement, settings, resolution) plus {@link PluginHost#start} (a class loader per plugin, the
 * entry point instantiated and {@code activate} called through the guard, one tool registered).
 * {@code cache=warm} keeps the manifest validation cache filled by the trial's check run; {@code
 * cache=cold} deletes it before each iteration, so every manifest is validated against the schema.
 * {@code pf4j} times {@code DefaultPluginManager.loadPlugins()} plus {@code startPlugins()} over a
 * plugins root of {@value #PLUGINS} jars, each with a {@code plugin.properties} and a class
 * extending {@code org.pf4j.Plugin} whose {@code start()} puts one tool handler in a host-side map
 * ({@link Pf4jToolBoard}). Building the host or manager, and stopping it, are outside the timed
 * part.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 10)
@Fork(3)
public class ActivationBenchmark {

    static final int PLUGINS = 500;

    private static final SemanticVersion HOST_VERSION = SemanticVersion.of("0.1.0");

    /** Both sets of generated plugins, written once per trial and checked by a full untimed run each. */
    @State(Scope.Benchmark)
    public static class Plugins {

        Path dir;
        HostLayout layout;
        Path pf4jRoot;
        PluginCatalog catalog;

        @Setup(Level.Trial)
        public void generate() throws IOException {
            dir = Files.createTempDirectory("pincer-jmh-activate");
            try {
                layout = new HostLayout(dir.resolve("home"), dir.resolve("ws"), null, Map.of());
                pf4jRoot = dir.resolve("pf4j-plugins");
                writePlugins(layout.home().resolve("plugins"), pf4jRoot);
                catalog = PluginCatalog.create(HOST_VERSION);

                PluginHost host = newHost();
                try {
                    host.start(catalog.scan(layout));
                    checkPincer(host);
                } finally {
                    host.close();
                }

                PluginManager manager = new DefaultPluginManager(pf4jRoot);
                Pf4jToolBoard.TOOLS.clear();
                try {
                    manager.loadPlugins();
                    manager.startPlugins();
                    checkPf4j(manager);
                } finally {
                    stopPf4j(manager);
                }
            } catch (RuntimeException | Error e) {
                BenchJars.deleteTree(dir);
                throw e;
            }
        }

        PluginHost newHost() {
            return new PluginHost(HostSettings.defaults(dir.resolve("data")), Clock.systemUTC());
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            BenchJars.deleteTree(dir);
        }
    }

    /** A fresh Pincer host for each iteration; the iteration's result is checked before it counts. */
    @State(Scope.Benchmark)
    public static class PincerRun {

        @Param({"warm", "cold"})
        String cache;

        PluginHost host;

        @Setup(Level.Iteration)
        public void create(Plugins plugins) throws IOException {
            if (cache.equals("cold")) {
                BenchJars.deleteTree(plugins.layout.home().resolve("cache"));
            }
            System.gc();
            host = plugins.newHost();
        }

        @TearDown(Level.Iteration)
        public void check() {
            try {
                checkPincer(host);
            } finally {
                host.close();
            }
        }
    }

    /** A fresh PF4J manager for each iteration; the iteration's result is checked before it counts. */
    @State(Scope.Benchmark)
    public static class Pf4jRun {

        PluginManager manager;

        @Setup(Level.Iteration)
        public void create(Plugins plugins) {
            Pf4jToolBoard.TOOLS.clear();
            System.gc();
            manager = new DefaultPluginManager(plugins.pf4jRoot);
        }

        @TearDown(Level.Iteration)
        public void check() {
            try {
                checkPf4j(manager);
            } finally {
                stopPf4j(manager);
            }
        }
    }

    @Benchmark
    public PluginHost pincer(Plugins plugins, PincerRun run) {
        Catalog catalog = plugins.catalog.scan(plugins.layout);
        run.host.start(catalog);
        return run.host;
    }

    @Benchmark
    public PluginManager pf4j(Pf4jRun run) {
        run.manager.loadPlugins();
        run.manager.startPlugins();
        return run.manager;
    }

    static void checkPincer(PluginHost host) {
        long active = host.states().values().stream()
                .filter(PluginState.ACTIVE::equals)
                .count();
        int tools = host.registry().all(CapabilityKind.TOOL).size();
        if (active != PLUGINS || tools != PLUGINS || !host.reports().isEmpty()) {
            throw new IllegalStateException("Pincer activated " + active + " plugins with " + tools + " tools, not "
                    + PLUGINS + "; reports: " + host.reports());
        }
    }

    static void checkPf4j(PluginManager manager) {
        int started = manager.getStartedPlugins().size();
        int tools = Pf4jToolBoard.TOOLS.size();
        if (started != PLUGINS || tools != PLUGINS) {
            throw new IllegalStateException("PF4J started " + started + " plugins with " + tools + " tools, not "
                    + PLUGINS + "; plugins: " + manager.getPlugins());
        }
    }

    /**
     * Stops and unloads every plugin. Plugins are stopped one by one, newest first, because PF4J
     * 3.15.0's {@code stopPlugins()} throws {@code ConcurrentModificationException} once more than
     * one plugin has started (pf4j/pf4j#656).
     */
    static void stopPf4j(PluginManager manager) {
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        Collections.reverse(started);
        started.forEach(plugin -> manager.stopPlugin(plugin.getPluginId()));
        manager.unloadPlugins();
        Pf4jToolBoard.TOOLS.clear();
    }

    /**
     * Writes {@value #PLUGINS} Pincer plugins under {@code pincerRoot} and as many PF4J plugins
     * under {@code pf4jRoot}, compiled in one compiler run.
     */
    static void writePlugins(Path pincerRoot, Path pf4jRoot) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < PLUGINS; i++) {
            String n = String.format("%04d", i);
            sources.put(
                    "gen.p" + n + ".ToolPlugin",
                    """
                    package gen.p%1$s;
                    import dev.pincer.api.*; import dev.pincer.api.tool.*;
                    public class ToolPlugin implements Plugin {
                      private static final ToolResult RESULT = ToolResult.text("ok");
                      public void activate(PluginContext c) {
                        c.registerTool(ToolSpec.of("tool-%1$s", "does nothing"), call -> RESULT);
                      }
                    }
                    """
                            .formatted(n));
            sources.put(
                    "gen.f" + n + ".ToolPlugin",
                    """
                    package gen.f%1$s;
                    import dev.pincer.api.tool.*;
                    import java.util.Map;
                    public class ToolPlugin extends org.pf4j.Plugin {
                      private static final ToolResult RESULT = ToolResult.text("ok");
                      @Override public void start() {
                        ToolHandler handler = call -> RESULT;
                        dev.pincer.bench.Pf4jToolBoard.TOOLS.put("tool-%1$s",
                            Map.entry(ToolSpec.of("tool-%1$s", "does nothing"), handler));
                      }
                    }
                    """
                            .formatted(n));
        }
        Map<String, byte[]> classes = BenchJars.compile(sources);
        for (int i = 0; i < PLUGINS; i++) {
            String n = String.format("%04d", i);
            String id = "plugin-" + n;
            Path folder = pincerRoot.resolve(id);
            BenchJars.writeString(
                    folder.resolve("pincer-plugin.json"),
                    "{\"id\":\"" + id + "\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"gen.p" + n
                            + ".ToolPlugin\"},\"provides\":{\"tools\":[{\"name\":\"tool-" + n + "\"}]}}");
            String pincerClass = BenchJars.classFile("gen.p" + n + ".ToolPlugin");
            BenchJars.write(folder.resolve("lib").resolve(id + ".jar"), Map.of(pincerClass, classes.get(pincerClass)));

            String pf4jClass = BenchJars.classFile("gen.f" + n + ".ToolPlugin");
            String properties = "plugin.id=" + id + "\nplugin.version=1.0.0\nplugin.class=gen.f" + n
                    + ".ToolPlugin\nplugin.description=does nothing\n";
            BenchJars.write(
                    pf4jRoot.resolve(id + ".jar"),
                    Map.of(
                            pf4jClass,
                            classes.get(pf4jClass),
                            "plugin.properties",
                            properties.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
