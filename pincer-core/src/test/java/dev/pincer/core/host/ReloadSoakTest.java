package dev.pincer.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.tool.Content;
import dev.pincer.core.Fixtures;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.runtime.jvm.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten callers call a plugin's tool without pause while the plugin is rebuilt (its jar rewritten in
 * place) and reloaded fifty times: no call fails, and every answer comes from one complete
 * generation.
 */
class ReloadSoakTest {

    private static final int CALLERS = 10;
    private static final int RELOADS = 50;

    @TempDir
    Path dir;

    /**
     * Returns a jar whose tool answers with three stamps: one the plugin class reads when it is
     * initialised, one a second class reads when the first call initialises it, and one read from
     * the jar at every call. Builds differ only in those stamps, so a call served by the classes or
     * resources of two builds would show two numbers.
     */
    private static Path template(Path dir) {
        return TestJars.jar()
                .source(
                        "com.acme.Soak",
                        """
                        package com.acme;
                        import dev.pincer.api.*; import dev.pincer.api.tool.*;
                        public class Soak implements Plugin {
                          static final String BUILD = read("/a.txt");
                          static String read(String name) {
                            try (var in = Soak.class.getResourceAsStream(name)) {
                              return new String(in.readAllBytes());
                            } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
                          }
                          public void activate(PluginContext c) {
                            c.registerTool(ToolSpec.of("soak", "answers with its build"), call ->
                                ToolResult.text(BUILD + "/" + Helper.BUILD + "/" + read("/c.txt")));
                          }
                        }
                        """)
                .source(
                        "com.acme.Helper",
                        "package com.acme; class Helper { static final String BUILD = Soak.read(\"/b.txt\"); }")
                .writeTo(dir.resolve("template.jar"));
    }

    /** Rewrites {@code jar} in place as build {@code n} of {@code template}, as a build tool would. */
    private static void build(Path template, Path jar, int n) throws java.io.IOException {
        Files.createDirectories(jar.getParent());
        try (JarInputStream in = new JarInputStream(Files.newInputStream(template));
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), in.getManifest())) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                out.putNextEntry(new JarEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            for (String stamp : List.of("a.txt", "b.txt", "c.txt")) {
                out.putNextEntry(new JarEntry(stamp));
                out.write(Integer.toString(n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    @Test
    void tenCallersSeeNoFailureAndNoMixedGenerationAcrossFiftyReloads() throws Exception {
        HostLayout layout = Fixtures.layout(dir, Map.of());
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "soak",
                "{\"id\":\"soak\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme.Soak\"}}");
        Path template = template(dir);
        Path jar = folder.resolve("lib").resolve("soak.jar");
        build(template, jar, 0);
        PluginCatalog catalogs = PluginCatalog.create(SemanticVersion.of("0.1.0"));
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicIntegerArray last =
                new java.util.concurrent.atomic.AtomicIntegerArray(CALLERS);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Long> reloadMillis = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try (PluginHost host = new PluginHost(HostSettings.defaults(dir.resolve("data")), Clock.systemUTC())) {
            host.start(catalogs.scan(layout));
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                loops.add(callers.submit(() -> {
                    while (running.get()) {
                        Invocation call = host.tools().invoke("soak", Map.of(), null);
                        if (call.status() != Invocation.Status.COMPLETED) {
                            failures.add(call.status() + ": " + call.message());
                            continue;
                        }
                        String[] parts = ((Content.Text) call.result().content().get(0))
                                .text()
                                .split("/");
                        if (!parts[0].equals(parts[1]) || !parts[0].equals(parts[2])) {
                            failures.add("mixed generations: " + String.join("/", parts));
                        }
                        int build = Integer.parseInt(parts[0]);
                        // A caller never goes back to an older build once a newer one answered it.
                        if (build < last.get(caller)) {
                            failures.add("caller " + caller + " saw build " + build + " after " + last.get(caller));
                        }
                        last.set(caller, build);
                        calls.incrementAndGet();
                        // Leave the reloading thread some of the two cores CI has.
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                    }
                }));
            }
            for (int n = 1; n <= RELOADS; n++) {
                build(template, jar, n);
                long t0 = System.nanoTime();
                ReloadReport report = host.reload(catalogs.scan(layout), Set.of("soak"));
                reloadMillis.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(report.failed()).as("reload %d", n).isEmpty();
            }
            Thread.sleep(50);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            assertThat(host.generationOf("soak")).hasValue(RELOADS + 1);
        } finally {
            callers.shutdownNow();
        }

        assertThat(failures).isEmpty();
        long total = calls.get();
        assertThat(total).isGreaterThan(CALLERS * RELOADS);
        for (int i = 0; i < CALLERS; i++) {
            assertThat(last.get(i)).as("caller %d ends on the last build", i).isEqualTo(RELOADS);
        }
        System.out.println("reload soak: " + total + " calls by " + CALLERS + " callers across " + RELOADS
                + " reloads, 0 failed, 0 mixed; scan+reload under load p50 "
                + reloadMillis.stream().sorted().toList().get(RELOADS / 2) + " ms");
    }
}
