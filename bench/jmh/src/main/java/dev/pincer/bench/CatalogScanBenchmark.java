package dev.pincer.bench;

import dev.pincer.core.config.HostLayout;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.manifest.SemanticVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * Measures a full catalog scan in a warm JVM (what a running gateway pays to rescan): config,
 * discovery, manifest validation, enablement, settings and resolution over N plugins with
 * dependencies among them. {@code cache=warm} keeps the validation cache; {@code cache=none}
 * validates every manifest on every scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogScanBenchmark {

    @Param({"63", "500"})
    int plugins;

    @Param({"warm", "none"})
    String cache;

    private Path dir;
    private HostLayout layout;
    private PluginCatalog catalog;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("pincer-jmh");
        Path home = dir.resolve("home");
        Path roots = home.resolve("plugins");
        Random random = new Random(42);
        for (int i = 0; i < plugins; i++) {
            String id = String.format("plugin-%04d", i);
            java.util.Set<Integer> targets = new java.util.TreeSet<>();
            for (int d = Math.min(i, random.nextInt(4)); d > 0; d--) {
                targets.add(random.nextInt(i));
            }
            String deps = String.join(
                    ",",
                    targets.stream()
                            .map(t -> String.format("\"plugin-%04d\":\"^1.0.0\"", t))
                            .toList());
            String config = i % 3 == 0
                    ? ",\"config\":{\"type\":\"object\",\"properties\":{\"level\":{\"type\":\"integer\",\"default\":1}}}"
                    : "";
            Path folder = Files.createDirectories(roots.resolve(id));
            Files.writeString(
                    folder.resolve("pincer-plugin.json"),
                    "{\"id\":\"" + id + "\",\"version\":\"1." + (i % 7)
                            + ".0\",\"description\":\"generated\",\"runtime\":{\"type\":\"jvm\"},\"dependencies\":{"
                            + deps
                            + "},\"provides\":{\"tools\":[{\"name\":\"search\",\"inputSchema\":{\"type\":\"object\","
                            + "\"properties\":{\"q\":{\"type\":\"string\"}}}}],\"hooks\":[\"before_tool_call\"]},"
                            + "\"permissions\":{\"network\":[\"api.example.com\"]}" + config + "}");
        }
        // Without a home folder the cache is never written, so every scan validates everything.
        Path effectiveHome = cache.equals("warm") ? home : dir.resolve("no-home");
        if (cache.equals("none")) {
            Files.move(roots, dir.resolve("roots"));
            Files.createDirectories(dir.resolve("ws").resolve(".pincer"));
            Files.move(
                    dir.resolve("roots"), dir.resolve("ws").resolve(".pincer").resolve("plugins"));
        }
        layout = new HostLayout(effectiveHome, dir.resolve("ws"), null, Map.of());
        catalog = PluginCatalog.create(SemanticVersion.of("0.1.0"));
        Catalog first = catalog.scan(layout);
        if (first.entries().size() != plugins || first.activationOrder().size() != plugins) {
            throw new IllegalStateException("generated plugins did not all resolve: " + first.diagnostics());
        }
    }

    @Benchmark
    public Catalog scan() {
        return catalog.scan(layout);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
