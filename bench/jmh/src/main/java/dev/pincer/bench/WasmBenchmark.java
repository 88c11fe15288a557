package dev.pincer.bench;

import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolHandler;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.config.SandboxSettings;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.host.ToolRequest;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.ManifestReadResult;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.Approval;
import dev.pincer.core.permissions.ApprovalBook;
import dev.pincer.core.permissions.Grant;
import dev.pincer.core.runtime.LoadRequest;
import dev.pincer.core.runtime.LoadedCode;
import dev.pincer.wasm.WasmRuntime;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.extism.sdk.chicory.Manifest;
import org.extism.sdk.chicory.ManifestWasm;
import org.extism.sdk.chicory.http.HttpClientAdapter;
import org.extism.sdk.chicory.http.HttpConfig;
import org.extism.sdk.chicory.http.HttpJsonCodec;
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
 * Times one call of an Extism plugin built with a real PDK, run by Pincer's wasm runtime and by the
 * official Extism Java host ({@code org.extism.sdk:chicory-sdk-core}), both on the same Chicory
 * version, in one run.
 *
 * <p>{@code plugin} picks the call: {@code c-greet} is export {@code greet} of {@code
 * examples/wasm-hello-c} with input {@code "Ada"} (it reads config, keeps a var and logs a line at
 * info); {@code as-echo} and {@code as-count-vowels} are exports {@code echo} and {@code
 * count_vowels} of {@code examples/wasm-hello-as} (AssemblyScript PDK) with a short text and a
 * sentence. Each call is timed four ways:
 *
 * <ul>
 *   <li>{@code extism}: the reference, {@code Plugin.call(export, bytes)} with the module compiled to
 *       JVM bytecode ({@code Manifest.Options.withAoT()}), input encoded and output decoded as UTF-8
 *       text, as a host would;
 *   <li>{@code extismInterpreted}: the same on Chicory's interpreter;
 *   <li>{@code pincer}: the {@code ToolHandler} the plugin registers when {@code WasmRuntime} loads
 *       and activates it, called directly with a new {@code ToolCall} (arguments to input bytes,
 *       pooled instance, CPU watchdog, output to a {@code ToolResult});
 *   <li>{@code pincerHost}: the full invocation path of a {@code PluginHost} running the plugin
 *       ({@code host.tools().invoke(...)}: lookup, schema check, hooks, permit, the guard's hand-off
 *       to a call thread), for information.
 * </ul>
 *
 * <p>The benchmark sets no plugin config (in {@code pincerHost} the host fills in the manifests'
 * defaults, which are the plugins' built-in ones). Both hosts log through {@code System.Logger} over
 * {@code java.util.logging}, whose root level every setup sets to severe, so neither writes the
 * plugin's log lines (nor Pincer its "log lines dropped" warnings) to the console; each still does
 * its own work per line up to the logger's level check. Every variant's setup calls it once and
 * throws unless it returns the expected output, so only working calls are timed.
 *
 * <p>The warm-up is long because the modules compile to large JVM methods: {@code count_vowels}
 * takes about ten seconds of calls on a 2-core machine before the JIT has settled.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WasmBenchmark {

    /** One call of an example plugin and what it must answer. */
    enum Case {
        C_GREET("c-greet", "wasm-hello-c", "c_greet", "greet", "name", "Ada", Pattern.quote("Hello, Ada!")),
        AS_ECHO(
                "as-echo",
                "wasm-hello-as",
                "as_echo",
                "echo",
                "text",
                "echo me, please",
                Pattern.quote("echo me, please")),
        AS_COUNT_VOWELS(
                "as-count-vowels",
                "wasm-hello-as",
                "as_count_vowels",
                "count_vowels",
                "text",
                "The quick brown fox jumps over the lazy dog.",
                "\\{\"count\":11,\"total\":\\d+,\"vowels\":\"aeiouAEIOU\"\\}");

        final String label;
        final String folder;
        final String tool;
        final String export;
        final String argument;
        final String input;
        final Pattern expected;

        Case(String label, String folder, String tool, String export, String argument, String input, String expected) {
            this.label = label;
            this.folder = folder;
            this.tool = tool;
            this.export = export;
            this.argument = argument;
            this.input = input;
            this.expected = Pattern.compile(expected);
        }

        static Case of(String label) {
            for (Case c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no wasm benchmark case '" + label + "'; the cases are "
                    + java.util.Arrays.stream(values()).map(c -> c.label).collect(Collectors.joining(", ")));
        }

        Map<String, Object> arguments() {
            return Map.of(argument, input);
        }

        /** Throws unless {@code output}, what {@code variant} returned, is what this call must answer. */
        String check(String variant, String output) {
            if (output == null || !expected.matcher(output).matches()) {
                throw new IllegalStateException(variant + " answered " + export + "(\"" + input + "\") of "
                        + folder + " with " + (output == null ? "nothing" : "\"" + output + "\"")
                        + ", expected a match of " + expected.pattern()
                        + "; the benchmark times only working calls");
            }
            return output;
        }
    }

    /** The official Extism host running the case's plugin, compiled and interpreted. */
    @State(Scope.Benchmark)
    public static class Extism {

        @Param({"c-greet", "as-echo", "as-count-vowels"})
        String plugin;

        Case call;
        org.extism.sdk.chicory.Plugin compiled;
        org.extism.sdk.chicory.Plugin interpreted;

        @Setup(Level.Trial)
        public void load() {
            quietLogs();
            call = Case.of(plugin);
            Path module = examples().resolve(call.folder).resolve("plugin.wasm");
            compiled = extism(module, true);
            interpreted = extism(module, false);
            call.check("the Extism host (AoT)", call());
            call.check("the Extism host (interpreter)", callInterpreted());
        }

        String call() {
            return call(compiled);
        }

        String callInterpreted() {
            return call(interpreted);
        }

        private String call(org.extism.sdk.chicory.Plugin extism) {
            byte[] output = extism.call(call.export, call.input.getBytes(StandardCharsets.UTF_8));
            return new String(output, StandardCharsets.UTF_8);
        }

        /**
         * Returns the Extism host's plugin for {@code module}. Its HTTP functions must be configured
         * for a module that imports them to link (the SDK's default adapters are in an artifact that
         * is not published), so they get adapters that refuse every request; no timed call makes one.
         */
        private static org.extism.sdk.chicory.Plugin extism(Path module, boolean aot) {
            HttpConfig noHttp = HttpConfig.builder()
                    .withJsonCodec(NoHttp::new)
                    .withClientAdapter(NoHttp::new)
                    .build();
            Manifest manifest = Manifest.ofWasms(
                            ManifestWasm.fromFilePath(module).build())
                    .withOptions(new Manifest.Options().withAoT(aot).withHttpConfig(noHttp))
                    .build();
            return org.extism.sdk.chicory.Plugin.ofManifest(manifest).build();
        }
    }

    /** HTTP for the Extism host that refuses every request: the benchmarked calls make none. */
    static final class NoHttp implements HttpJsonCodec, HttpClientAdapter {

        @Override
        public RequestMetadata decodeMetadata(byte[] data) {
            throw refused();
        }

        @Override
        public byte[] encodeHeaders(Map<String, List<String>> headers) {
            throw refused();
        }

        @Override
        public byte[] request(String method, URI uri, Map<String, String> headers, byte[] body) {
            throw refused();
        }

        @Override
        public int statusCode() {
            throw refused();
        }

        @Override
        public Map<String, List<String>> headers() {
            throw refused();
        }

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException(
                    "the wasm benchmark gives the Extism host no HTTP; benchmark a call that makes no request");
        }
    }

    /** Pincer's wasm runtime running the case's plugin, activated outside a host. */
    @State(Scope.Benchmark)
    public static class Pincer {

        @Param({"c-greet", "as-echo", "as-count-vowels"})
        String plugin;

        Case call;
        ToolHandler handler;
        private Path dir;
        private WasmRuntime runtime;
        private Guards guards;
        private LoadedCode loaded;

        @Setup(Level.Trial)
        public void load() throws Exception {
            quietLogs();
            call = Case.of(plugin);
            dir = Files.createTempDirectory("pincer-jmh-wasm");
            try {
                Path folder = examples().resolve(call.folder);
                PluginManifest manifest = manifest(folder);
                runtime = new WasmRuntime(SandboxSettings.defaults());
                loaded = runtime.load(new LoadRequest(manifest, folder, AuditSink.NONE, Clock.systemUTC()));
                guards = Guards.create(GuardSettings.defaults(), AuditSink.NONE, Map.of());
                Path data = Files.createDirectories(dir.resolve("data"));
                CapturingContext context = new CapturingContext(
                        manifest.id(),
                        manifest.version().text(),
                        Map.of(),
                        data,
                        guards.forPlugin(manifest.id(), Grant.none(), data));
                loaded.plugin().activate(context);
                handler = context.tool(call.tool);
                call.check("Pincer's wasm runtime", text("Pincer's wasm runtime", call()));
            } catch (Exception | Error e) {
                stop();
                throw e;
            }
        }

        ToolResult call() throws Exception {
            return handler.call(new ToolCall(call.tool, call.arguments(), "call-1", null));
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            if (loaded != null) {
                loaded.unload();
            }
            if (runtime != null) {
                runtime.close();
            }
            if (guards != null) {
                guards.close();
            }
            BenchJars.deleteTree(dir);
        }
    }

    /** A {@link PluginHost} with the wasm runtime running the case's plugin. */
    @State(Scope.Benchmark)
    public static class Host {

        @Param({"c-greet", "as-echo", "as-count-vowels"})
        String plugin;

        Case call;
        ToolRequest request;
        private Path dir;
        private WasmRuntime runtime;
        private PluginHost host;

        @Setup(Level.Trial)
        public void start() throws IOException {
            quietLogs();
            call = Case.of(plugin);
            dir = Files.createTempDirectory("pincer-jmh-wasm-host");
            try {
                HostLayout layout = new HostLayout(dir.resolve("home"), dir.resolve("ws"), null, Map.of());
                Path folder = layout.home().resolve("plugins").resolve(call.folder);
                Files.createDirectories(folder);
                Files.createDirectories(layout.workspace());
                for (String file : List.of("pincer-plugin.json", "plugin.wasm")) {
                    Files.copy(examples().resolve(call.folder).resolve(file), folder.resolve(file));
                }
                PluginManifest manifest = manifest(folder);
                runtime = new WasmRuntime(SandboxSettings.defaults());
                host = new PluginHost(
                        HostSettings.defaults(dir.resolve("data")),
                        Clock.systemUTC(),
                        HostSecurity.unaudited(Map.of(), dir.resolve("user"), layout.workspace()),
                        List.of(runtime));
                Catalog catalog =
                        PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout, approving(manifest));
                host.start(catalog);
                if (host.states().get(manifest.id()) != PluginState.ACTIVE
                        || !host.reports().isEmpty()) {
                    throw new IllegalStateException("plugin '" + manifest.id() + "' is not running in the host: "
                            + host.states() + " " + host.reports());
                }
                request = new ToolRequest(call.tool, call.arguments(), "s", "bench", false);
                call.check("Pincer's host", text("Pincer's host", invoke()));
            } catch (IOException | RuntimeException | Error e) {
                stop();
                throw e;
            }
        }

        Invocation invoke() {
            return host.tools().invoke(request);
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            if (host != null) {
                host.close();
            }
            if (runtime != null) {
                runtime.close();
            }
            BenchJars.deleteTree(dir);
        }
    }

    @Benchmark
    public String extism(Extism state) {
        return state.call();
    }

    @Benchmark
    public String extismInterpreted(Extism state) {
        return state.callInterpreted();
    }

    @Benchmark
    public ToolResult pincer(Pincer state) throws Exception {
        return state.call();
    }

    @Benchmark
    public Invocation pincerHost(Host state) {
        return state.invoke();
    }

    /**
     * Returns the repository's {@code examples} folder: {@code -Dpincer.examples}, or the first
     * {@code examples} folder holding the wasm examples in the working directory or above it.
     */
    static Path examples() {
        String configured = System.getProperty("pincer.examples");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path examples = dir.resolve("examples");
            if (Files.isRegularFile(examples.resolve("wasm-hello-c").resolve("plugin.wasm"))) {
                return examples;
            }
        }
        throw new IllegalStateException(
                "no examples/wasm-hello-c/plugin.wasm in " + Path.of("").toAbsolutePath()
                        + " or above it; run the benchmark from the Pincer checkout, or pass"
                        + " -jvmArgsAppend -Dpincer.examples=<checkout>/examples");
    }

    /** Drops log lines below severe in every {@code System.Logger}, so plugin logs do not reach the console. */
    static void quietLogs() {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    }

    static PluginManifest manifest(Path folder) {
        ManifestReadResult read = ManifestReader.create().read(folder.resolve("pincer-plugin.json"));
        return read.manifestIfValid()
                .orElseThrow(() -> new IllegalStateException(
                        "the manifest of " + folder + " does not read cleanly: " + read.diagnostics()));
    }

    /** Returns a book in which a person approved exactly what {@code manifest} asks for. */
    static ApprovalBook approving(PluginManifest manifest) {
        Approval approval =
                new Approval(manifest.id(), manifest.version().text(), manifest.permissions(), Instant.EPOCH, "bench");
        return new ApprovalBook() {
            @Override
            public Optional<Approval> find(String pluginId, String version) {
                return pluginId.equals(approval.pluginId()) && version.equals(approval.version())
                        ? Optional.of(approval)
                        : Optional.empty();
            }

            @Override
            public Optional<Approval> latest(String pluginId) {
                return pluginId.equals(approval.pluginId()) ? Optional.of(approval) : Optional.empty();
            }
        };
    }

    static String text(String variant, ToolResult result) {
        if (result.isError()) {
            throw new IllegalStateException(variant + " returned an error result: " + result.content());
        }
        return result.content().stream()
                .map(c -> c instanceof Content.Text t ? t.text() : String.valueOf(c))
                .collect(Collectors.joining());
    }

    static String text(String variant, Invocation invocation) {
        if (invocation.status() != Invocation.Status.COMPLETED || invocation.result() == null) {
            throw new IllegalStateException(variant + " did not complete the call: " + invocation);
        }
        return text(variant, invocation.result());
    }
}
