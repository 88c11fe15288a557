package dev.pincer.bench;

import dev.pincer.api.channel.Channel;
import dev.pincer.api.channel.InboundMessage;
import dev.pincer.api.channel.InboundSink;
import dev.pincer.api.channel.OutboundMessage;
import dev.pincer.api.channel.Stage;
import dev.pincer.api.channel.StageMessage;
import dev.pincer.api.channel.StageResult;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.ChatResponse;
import dev.pincer.api.provider.Provider;
import dev.pincer.api.provider.ToolCallRequest;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.agent.Delivery;
import dev.pincer.core.agent.Gateway;
import dev.pincer.core.config.AgentSettings;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.skills.SkillSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * Measures what the gateway adds to a message: {@code submit} hands a message to a real {@link
 * Gateway} on a real {@link PluginHost} and waits for the reply its channel is sent.
 *
 * <p>{@code work=command}: the message is {@code /echo hi}, a slash command; the gateway runs the
 * session, {@code message_received}, the inbound stages, {@code message_claim}, the command, the
 * outbound stages, {@code message_sending}, the channel's send and {@code message_sent}. {@code
 * work=turn}: the message is plain text and an in-process provider asks for one tool call and then
 * answers, so an agent turn adds the model hooks, two provider calls (each through the guard), the
 * persona and the tool call's whole invocation path. {@code stages} pass-through stages run in each
 * direction.
 *
 * <p>{@code direct} is the control: the command handler, or the provider and tool bodies, called
 * as plain Java with nothing around them. The difference is Pincer's per-message overhead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GatewayBenchmark {

    /** A gateway with one channel, a command, a tool, a provider and {@code stages} stages each way. */
    @State(Scope.Benchmark)
    public static class Running {

        @Param({"command", "turn"})
        String work;

        @Param({"0", "3"})
        int stages;

        private Path dir;
        private PluginHost host;
        private Gateway gateway;
        private final AtomicLong conversation = new AtomicLong();
        InboundMessage message;

        @Setup(Level.Trial)
        public void start() throws Exception {
            dir = Files.createTempDirectory("pincer-jmh-gateway");
            try {
                HostLayout layout = new HostLayout(dir.resolve("home"), dir.resolve("ws"), null, Map.of());
                Files.createDirectories(layout.workspace());
                host = new PluginHost(
                        HostSettings.defaults(dir.resolve("data")),
                        Clock.systemUTC(),
                        HostSecurity.unaudited(Map.of(), dir, layout.workspace()));
                host.start(PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout));
                host.publish("bench:agent", GatewayBenchmark::register);
                host.publish("bench:stages", c -> {
                    for (int i = 0; i < stages; i++) {
                        c.registerStage(pass("in" + i, Stage.Direction.INBOUND));
                        c.registerStage(pass("out" + i, Stage.Direction.OUTBOUND));
                    }
                });
                host.publish("bench:channel", c -> c.registerChannel(new QuietChannel()));
                gateway = Gateway.start(
                        host,
                        new AgentSettings(
                                null, null, 8, Duration.ofSeconds(30), Duration.ofMinutes(30), 4, "SOUL.md", false),
                        layout.workspace(),
                        () -> SkillSet.EMPTY,
                        "0.1.0",
                        Clock.systemUTC(),
                        line -> {});
                message = InboundMessage.of("bench", "c", "ann", work.equals("command") ? "/echo hi" : "hello");
                check(submit());
            } catch (Exception | java.lang.Error e) {
                stop();
                throw e;
            }
        }

        /** Sends the message in a conversation of its own, so session history does not grow. */
        Delivery submit() throws Exception {
            InboundMessage fresh = InboundMessage.of(
                    message.channelId(), "c" + (conversation.incrementAndGet() % 64), "ann", message.text());
            return gateway.submit(fresh).get(10, TimeUnit.SECONDS);
        }

        /** Refuses to time a gateway that does not answer as expected. */
        private void check(Delivery delivery) {
            String expected = work.equals("command") ? "hi" : "done: echo hello";
            if (delivery.status() != Delivery.Status.SENT || !expected.equals(delivery.text())) {
                throw new IllegalStateException("expected '" + expected + "' to be sent, got " + delivery.status() + " "
                        + delivery.text() + " " + delivery.detail() + " " + host.reports());
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            if (gateway != null) {
                gateway.stop(Duration.ofSeconds(5));
            }
            if (host != null) {
                host.close();
            }
            BenchJars.deleteTree(dir);
        }
    }

    private static void register(dev.pincer.api.PluginContext c) {
        c.registerCommand(CommandSpec.withArgs("echo", "Echoes.", "<text>"), inv -> CommandResult.reply(inv.args()));
        c.registerTool(
                ToolSpec.of("echo", "Echoes text."),
                call -> echo((String) call.arguments().get("text")));
        c.registerProvider(new ScriptedProvider());
    }

    private static ToolResult echo(String text) {
        return ToolResult.text("echo " + text);
    }

    /** Asks for the echo tool on the user's text, then answers with what the tool said. */
    static final class ScriptedProvider implements Provider {
        @Override
        public String id() {
            return "bench";
        }

        @Override
        public List<String> models() {
            return List.of("bench-1");
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            ChatMessage last = request.messages().get(request.messages().size() - 1);
            if (last.role() == ChatMessage.Role.TOOL) {
                return ChatResponse.reply("done: " + last.content());
            }
            return new ChatResponse(
                    "",
                    List.of(new ToolCallRequest("call-1", "echo", "{\"text\":\"" + last.content() + "\"}")),
                    ChatResponse.FinishReason.TOOL_CALLS,
                    ChatResponse.Usage.UNKNOWN);
        }

        @Override
        public ChatResponse stream(ChatRequest request, Consumer<String> deltas) {
            return chat(request);
        }
    }

    private static Stage pass(String name, Stage.Direction direction) {
        return new Stage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Direction direction() {
                return direction;
            }

            @Override
            public StageResult apply(StageMessage message) {
                return StageResult.pass();
            }
        };
    }

    /** A channel that sends nowhere; the benchmark reads replies from the deliveries. */
    static final class QuietChannel implements Channel {
        @Override
        public String id() {
            return "bench";
        }

        @Override
        public void start(InboundSink sink) {}

        @Override
        public void send(OutboundMessage message) {}

        @Override
        public void stop() {}
    }

    @Benchmark
    public Delivery submit(Running running) throws Exception {
        return running.submit();
    }

    /** The same work as plain Java: the command's reply, or the provider twice around the tool. */
    @Benchmark
    public Object direct(Running running) {
        if (running.work.equals("command")) {
            return CommandResult.reply("hi");
        }
        ScriptedProvider provider = new ScriptedProvider();
        ChatRequest first = new ChatRequest(
                "bench-1", List.of(new ChatMessage(ChatMessage.Role.USER, "hello", null, List.of())), List.of(), null);
        ChatResponse asked = provider.chat(first);
        ToolResult result = echo("hello");
        return provider.chat(new ChatRequest(
                "bench-1",
                List.of(new ChatMessage(
                        ChatMessage.Role.TOOL,
                        ((dev.pincer.api.tool.Content.Text) result.content().get(0)).text(),
                        asked.toolCalls().get(0).id(),
                        List.of())),
                List.of(),
                null));
    }
}
