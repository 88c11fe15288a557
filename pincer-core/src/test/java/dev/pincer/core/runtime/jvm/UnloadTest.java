package dev.pincer.core.runtime.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.Plugin;
import dev.pincer.core.manifest.PluginManifest;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnloadTest {

    private static final String KEEPER =
            """
            package com.example.keeper;

            import dev.pincer.api.Plugin;
            import dev.pincer.api.PluginContext;
            import java.util.ArrayList;
            import java.util.List;

            public class Keeper implements Plugin {
                static final List<Object> CACHE = new ArrayList<>();

                @Override
                public void activate(PluginContext context) {
                    CACHE.add(this);
                    CACHE.add(new Helper());
                }

                static final class Helper {}
            }
            """;

    private static final String THREADS =
            """
            package com.example.threads;

            import dev.pincer.api.Plugin;
            import dev.pincer.api.PluginContext;

            public class Threads implements Plugin {
                @Override
                public void activate(PluginContext context) {
                    new Stubborn().start();
                    new Thread(Threads::sleepUntilInterrupted, "polite-worker").start();
                }

                static void sleepUntilInterrupted() {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }

                static final class Stubborn extends Thread {
                    Stubborn() {
                        super("stubborn-worker");
                    }

                    @Override
                    public void run() {
                        long end = System.nanoTime() + 1_000_000_000L;
                        while (System.nanoTime() < end) {
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException ignored) {
                                // This thread ignores interrupts on purpose.
                            }
                        }
                    }
                }
            }
            """;

    private final JvmRuntime runtime = JvmRuntime.create();

    @TempDir
    Path dir;

    private LoadedPlugin load(String id, String className, String source) {
        Path folder = dir.resolve(id);
        TestJars.jar().source(className, source).provider(className).writeTo(folder.resolve("lib/" + id + ".jar"));
        PluginManifest manifest = TestPlugins.manifest(folder, id, "{\"type\": \"jvm\"}");
        return runtime.load(manifest, folder, Map.of());
    }

    /** Loads, activates and unloads a plugin; returns weak references to its loader and instance. */
    private List<WeakReference<Object>> loadActivateAndUnload() throws Exception {
        LoadedPlugin loaded = load("keeper", "com.example.keeper.Keeper", KEEPER);
        Plugin plugin = loaded.plugin();
        plugin.activate(TestPlugins.context("keeper"));
        List<WeakReference<Object>> references =
                List.of(new WeakReference<>(loaded.loader()), new WeakReference<>(plugin));

        assertThat(loaded.unload()).isEmpty();
        assertThat(loaded.isUnloaded()).isTrue();
        return references;
    }

    @Test
    void unloadReleasesTheClassLoader() throws Exception {
        List<WeakReference<Object>> references = loadActivateAndUnload();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (references.stream().anyMatch(reference -> reference.get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }

        assertThat(references)
                .allSatisfy(reference -> assertThat(reference.get()).isNull());
    }

    @Test
    void unloadForgetsThePlugin() {
        LoadedPlugin loaded = load("keeper", "com.example.keeper.Keeper", KEEPER);
        PluginClassLoader loader = loaded.loader();

        assertThat(loaded.unload()).isEmpty();

        assertThat(loaded.isUnloaded()).isTrue();
        assertThat(loader.isClosed()).isTrue();
        assertThat(loaded.unload()).isEmpty();
        assertThatThrownBy(loaded::plugin)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin 'keeper' is unloaded");
    }

    @Test
    void unloadReportsThreadsThatIgnoreInterruptsOnly() throws Exception {
        LoadedPlugin loaded = load("threads", "com.example.threads.Threads", THREADS);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        // As the host's guard does: plugin code runs with the plugin's loader as context loader.
        current.setContextClassLoader(loaded.loader());
        try {
            loaded.plugin().activate(TestPlugins.context("threads"));
        } finally {
            current.setContextClassLoader(previous);
        }
        assertThat(thread("polite-worker")).isPresent();

        List<String> leftovers = loaded.unload();

        assertThat(leftovers).hasSize(1);
        assertThat(leftovers.get(0))
                .startsWith("thread 'stubborn-worker' (id ")
                .endsWith(") of plugin 'threads' is still running 200 ms after it was interrupted; it keeps the"
                        + " plugin's classes in memory until it ends");
        assertThat(thread("polite-worker")).isEmpty();
        Optional<Thread> stubborn = thread("stubborn-worker");
        if (stubborn.isPresent()) {
            stubborn.get().join(5_000);
        }
    }

    private static Optional<Thread> thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name) && thread.isAlive())
                .findFirst();
    }
}
