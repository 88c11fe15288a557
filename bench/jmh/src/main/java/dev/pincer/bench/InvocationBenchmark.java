package dev.pincer.bench;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolHandler;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.JsonSchemas;
import dev.pincer.core.manifest.SemanticVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures what Pincer's tool invocation path adds to a tool that does nothing: {@code invoke}
 * calls a no-op tool through {@code host.tools().invoke(...)} on a real {@link PluginHost} running
 * real jar plugins; {@code direct} calls a handler with the same body as a plain Java lambda.
 *
 * <p>The invocation path looks the tool up, checks the arguments against the input schema
 * ({@code validation=on}: tool {@code checked}, whose schema has properties and required fields;
 * {@code validation=off}: tool {@code noop}, whose schema {@code {"type":"object"}} the host does
 * not validate), fires {@code before_tool_call} through {@code hooks} pass-through gate handlers
 * (one per plugin, each returning {@code HookOutcome.proceed()}), takes a concurrency permit, runs
 * the handler through the guard and fires {@code after_tool_call}. The guard runs the handler, and
 * each gate handler, on an executor thread so that it can abandon a call that hangs; those
 * hand-offs between threads are part of what {@code invoke} measures.
 *
 * <p>Two controls split the figure: {@code directOnExecutor} is {@code direct} run on an executor
 * thread and waited for with a time limit, as the guard does (one hand-off, nothing else), and
 * {@code schemaCheck} is the argument check of {@code validation=on} alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class InvocationBenchmark {

    /** The result both the plugin's tools and the direct handler return. */
    private static final String RESULT_TEXT = "ok";

    private static final String CHECKED_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\",\"maxLength\":100}},"
                    + "\"required\":[\"text\"],\"additionalProperties\":false}";

    /** A host running the tool plugin and {@code hooks} gate plugins. */
    @State(Scope.Benchmark)
    public static class Host {

        @Param({"0", "1", "10"})
        int hooks;

        @Param({"off", "on"})
        String validation;

        String tool;
        Map<String, Object> arguments;
        private Path dir;
        private PluginHost host;

        @Setup(Level.Trial)
        public void start() throws IOException {
            dir = Files.createTempDirectory("pincer-jmh-invoke");
            try {
                HostLayout layout = new HostLayout(dir.resolve("home"), dir.resolve("ws"), null, Map.of());
                writePlugins(layout.home().resolve("plugins"), hooks);
                tool = validation.equals("on") ? "checked" : "noop";
                arguments = Map.of("text", "hello");
                host = new PluginHost(HostSettings.defaults(dir.resolve("data")), Clock.systemUTC());
                Catalog catalog =
                        PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout);
                host.start(catalog);
                check();
            } catch (RuntimeException | java.lang.Error e) {
                if (host != null) {
                    host.close();
                }
                BenchJars.deleteTree(dir);
                throw e;
            }
        }

        /** Refuses to time a host that is not running every plugin or whose tool does not answer. */
        private void check() {
            long active = host.states().values().stream()
                    .filter(PluginState.ACTIVE::equals)
                    .count();
            if (active != 1 + hooks || !host.reports().isEmpty()) {
                throw new IllegalStateException("expected " + (1 + hooks) + " active plugins and no reports, got "
                        + host.states() + " " + host.reports());
            }
            Invocation call = host.tools().invoke(tool, arguments, null);
            if (call.status() != Invocation.Status.COMPLETED || call.result().isError()) {
                throw new IllegalStateException("tool '" + tool + "' did not complete: " + call);
            }
            Invocation refused = host.tools().invoke("checked", Map.of("text", 42), null);
            if (refused.status() != Invocation.Status.INVALID_ARGUMENTS) {
                throw new IllegalStateException("tool 'checked' did not validate its arguments: " + refused);
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            host.close();
            BenchJars.deleteTree(dir);
        }
    }

    /**
     * A handler with the same body as the plugin's tools, called without the host, and an executor
     * like the host's (cached pool of daemon threads) to run it on.
     */
    @State(Scope.Benchmark)
    public static class Direct {

        ToolHandler handler;
        Map<String, Object> arguments;
        ExecutorService executor;
        JsonMapper json;
        Schema schema;

        @Setup(Level.Trial)
        public void create() {
            ToolResult result = ToolResult.text(RESULT_TEXT);
            handler = call -> result;
            arguments = Map.of("text", "hello");
            json = JsonMapper.builder().build();
            schema = JsonSchemas.compile(json.readTree(CHECKED_SCHEMA));
            executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "bench-call");
                thread.setDaemon(true);
                return thread;
            });
        }

        @TearDown(Level.Trial)
        public void stop() {
            executor.shutdownNow();
        }

        ToolResult call() throws Exception {
            return handler.call(new ToolCall("noop", arguments, "call-1", null));
        }
    }

    @Benchmark
    public Invocation invoke(Host state) {
        return state.host.tools().invoke(state.tool, state.arguments, null);
    }

    /** Builds the call (as the host does, with a fixed call id) and calls the handler. */
    @Benchmark
    public ToolResult direct(Direct state) throws Exception {
        return state.call();
    }

    /**
     * Checks the arguments against tool {@code checked}'s schema the way the invocation path does
     * (arguments to a JSON tree, then the compiled schema): the cost of {@code validation=on} alone.
     */
    @Benchmark
    public List<Error> schemaCheck(Direct state) {
        return state.schema.validate(state.json.valueToTree(state.arguments));
    }

    /**
     * Does what {@code direct} does on an executor thread and waits for it with a time limit, as the
     * host's guard does: the cost of the hand-off alone, without the rest of the invocation path.
     */
    @Benchmark
    public ToolResult directOnExecutor(Direct state) throws Exception {
        return state.executor.submit(state::call).get(30, TimeUnit.SECONDS);
    }

    /** Writes plugin {@code tools} (tools {@code noop} and {@code checked}) and plugins {@code gate-NN}. */
    static void writePlugins(Path root, int gates) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(
                "bench.tools.ToolsPlugin",
                """
                package bench.tools;
                import dev.pincer.api.*; import dev.pincer.api.tool.*;
                public class ToolsPlugin implements Plugin {
                  private static final ToolResult RESULT = ToolResult.text("%s");
                  public void activate(PluginContext c) {
                    c.registerTool(ToolSpec.of("noop", "does nothing"), call -> RESULT);
                    c.registerTool(ToolSpec.of("checked", "does nothing, with checked arguments")
                        .withInputSchema("%s"), call -> RESULT);
                  }
                }
                """
                        .formatted(RESULT_TEXT, CHECKED_SCHEMA.replace("\"", "\\\"")));
        for (int i = 0; i < gates; i++) {
            sources.put(
                    String.format("bench.gate%02d.GatePlugin", i),
                    """
                    package bench.gate%02d;
                    import dev.pincer.api.*; import dev.pincer.api.hook.*;
                    public class GatePlugin implements Plugin {
                      public void activate(PluginContext c) {
                        c.on(HookPoint.BEFORE_TOOL_CALL, e -> HookOutcome.proceed());
                      }
                    }
                    """
                            .formatted(i));
        }
        Map<String, byte[]> classes = BenchJars.compile(sources);
        plugin(root, "tools", "bench.tools", classes, "\"tools\":[{\"name\":\"noop\"},{\"name\":\"checked\"}]");
        for (int i = 0; i < gates; i++) {
            String pkg = String.format("bench.gate%02d", i);
            plugin(root, String.format("gate-%02d", i), pkg, classes, "\"hooks\":[\"before_tool_call\"]");
        }
    }

    private static void plugin(Path root, String id, String pkg, Map<String, byte[]> classes, String provides) {
        Path folder = root.resolve(id);
        String main = pkg + (id.equals("tools") ? ".ToolsPlugin" : ".GatePlugin");
        BenchJars.writeString(
                folder.resolve("pincer-plugin.json"),
                "{\"id\":\"" + id + "\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"" + main
                        + "\"},\"provides\":{" + provides + "}}");
        Map<String, byte[]> own = new TreeMap<>();
        classes.forEach((path, bytes) -> {
            if (path.startsWith(pkg.replace('.', '/') + "/")) {
                own.put(path, bytes);
            }
        });
        BenchJars.write(folder.resolve("lib").resolve(id + ".jar"), own);
    }
}
