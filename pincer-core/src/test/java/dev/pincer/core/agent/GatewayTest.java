package dev.pincer.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.PluginException;
import dev.pincer.api.channel.Channel;
import dev.pincer.api.channel.InboundMessage;
import dev.pincer.api.channel.InboundSink;
import dev.pincer.api.channel.OutboundMessage;
import dev.pincer.api.channel.Stage;
import dev.pincer.api.channel.StageMessage;
import dev.pincer.api.channel.StageResult;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.hook.HookOutcome;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.MessageEvent;
import dev.pincer.api.hook.ModelResolveEvent;
import dev.pincer.api.hook.PromptBuildEvent;
import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.ChatResponse;
import dev.pincer.api.provider.Provider;
import dev.pincer.api.provider.ToolCallRequest;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.Fixtures;
import dev.pincer.core.config.AgentSettings;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.runtime.jvm.TestJars;
import dev.pincer.core.skills.SkillSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {

    @TempDir
    Path dir;

    private HostLayout layout;
    private PluginHost host;
    private Gateway gateway;
    private final List<String> fired = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final TestChannel channel = new TestChannel("test", true);

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
        host = new PluginHost(
                HostSettings.defaults(dir.resolve("data")),
                Clock.systemUTC(),
                HostSecurity.unaudited(Map.of(), dir, layout.workspace()));
        host.hooks().trace((point, event) -> fired.add(point.name()));
    }

    @AfterEach
    void tearDown() {
        if (gateway != null) {
            gateway.stop(Duration.ofSeconds(5));
        }
        host.close();
    }

    /** A channel that records what it is sent and lets the test deliver messages. */
    static final class TestChannel implements Channel {
        final String id;
        final boolean streams;
        final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
        volatile InboundSink sink;
        volatile boolean stopped;
        volatile boolean failSends;

        TestChannel(String id, boolean streams) {
            this.id = id;
            this.streams = streams;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void start(InboundSink sink) {
            this.sink = sink;
        }

        @Override
        public void send(OutboundMessage message) {
            if (failSends) {
                throw new IllegalStateException("the line is down");
            }
            sent.add(message);
        }

        @Override
        public boolean supportsStreaming() {
            return streams;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** A provider that answers from a script and keeps every request. */
    static final class Scripted implements Provider {
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
        final Function<ChatRequest, ChatResponse> script;

        Scripted(Function<ChatRequest, ChatResponse> script) {
            this.script = script;
        }

        @Override
        public String id() {
            return "scripted";
        }

        @Override
        public List<String> models() {
            return List.of("model-1", "model-2");
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            requests.add(request);
            return script.apply(request);
        }

        @Override
        public ChatResponse stream(ChatRequest request, java.util.function.Consumer<String> deltas) {
            ChatResponse response = chat(request);
            for (String word : response.text().split("(?<= )")) {
                if (!word.isEmpty()) {
                    deltas.accept(word);
                }
            }
            return response;
        }
    }

    private static ChatResponse calls(ToolCallRequest... calls) {
        return new ChatResponse("", List.of(calls), ChatResponse.FinishReason.TOOL_CALLS, ChatResponse.Usage.UNKNOWN);
    }

    private static ChatMessage last(ChatRequest request) {
        return request.messages().get(request.messages().size() - 1);
    }

    private void begin(AgentSettings settings) {
        host.start(PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout));
        host.publish("test:channel", c -> c.registerChannel(channel));
        gateway = Gateway.start(
                host, settings, layout.workspace(), () -> SkillSet.EMPTY, "0.1.0", Clock.systemUTC(), log::add);
    }

    private void begin() {
        begin(AgentSettings.defaults());
    }

    private Delivery say(String conversation, String text) throws Exception {
        return gateway.submit(InboundMessage.of("test", conversation, "ann", text))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMessageRunsThroughStagesHooksTheModelAndAToolAndTheReplyIsSent() throws Exception {
        Scripted provider = new Scripted(request -> last(request).role() == ChatMessage.Role.TOOL
                ? ChatResponse.reply("The echo said: " + last(request).content())
                : calls(new ToolCallRequest(
                        "call-1", "echo", "{\"text\":\"" + last(request).content() + "\"}")));
        host.publish("test:agent", c -> {
            c.registerProvider(provider);
            c.registerTool(
                    ToolSpec.of("echo", "Echoes text."),
                    call -> ToolResult.text("echo " + call.arguments().get("text")));
            c.registerStage(stage(
                    "shout",
                    Stage.Direction.INBOUND,
                    m -> StageResult.replace(m.withText(m.text().toUpperCase()))));
            c.registerStage(stage(
                    "sign", Stage.Direction.OUTBOUND, m -> StageResult.replace(m.withText(m.text() + " -- bot"))));
            c.on(
                    HookPoint.MESSAGE_SENDING,
                    e -> HookOutcome.replace(e.withText(e.text().replace("bot", "Pincer"))));
        });
        begin();

        Delivery delivery = say("c1", "hello");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(delivery.text()).isEqualTo("The echo said: echo HELLO -- Pincer");
        assertThat(channel.sent).extracting(OutboundMessage::text).containsExactly(delivery.text());
        assertThat(channel.sent.get(0).conversationId()).isEqualTo("c1");
        assertThat(provider.requests).hasSize(2);
        ChatRequest first = provider.requests.get(0);
        assertThat(first.model()).isEqualTo("model-1");
        assertThat(first.tools()).extracting(ToolSpec::name).contains("echo", "read_skill");
        assertThat(first.messages().get(0).role()).isEqualTo(ChatMessage.Role.SYSTEM);
        assertThat(first.messages().get(0).content()).isEqualTo(Persona.DEFAULT);
        assertThat(last(first).content()).isEqualTo("HELLO");
        assertThat(provider.requests.get(1).messages())
                .extracting(ChatMessage::role)
                .containsSubsequence(ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT, ChatMessage.Role.TOOL);
        assertThat(fired)
                .containsSubsequence(
                        "gateway_start",
                        "session_start",
                        "message_received",
                        "message_claim",
                        "before_model_resolve",
                        "before_prompt_build",
                        "before_tool_call",
                        "after_tool_call",
                        "agent_end",
                        "message_sending",
                        "message_sent");
    }

    private static Stage stage(String name, Stage.Direction direction, Function<StageMessage, StageResult> body) {
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
                return body.apply(message);
            }
        };
    }

    @Test
    void slashCommandsAreDispatchedWithoutAnyProviderAndOtherTextSaysHowToConfigureOne() throws Exception {
        host.publish(
                "test:commands",
                c -> c.registerCommand(
                        CommandSpec.withArgs("roll", "Rolls.", "<sides>"),
                        inv -> CommandResult.reply("rolled " + inv.args())));
        begin();

        assertThat(say("c1", "/roll 6").text()).isEqualTo("rolled 6");
        assertThat(say("c1", "/help").text()).contains("/roll", "/new");
        assertThat(say("c1", "/nope").text()).contains("nope");
        Delivery turn = say("c1", "what is the weather?");

        assertThat(turn.text()).isEqualTo(AgentTurn.NO_PROVIDER);
        assertThat(turn.text()).contains("pincer plugins enable openai", "[plugins.entries.openai.config]");
        assertThat(gateway.providerProblem()).contains(AgentTurn.NO_PROVIDER);
        assertThat(fired).contains("agent_end");
    }

    @Test
    void theWorkspaceSoulIsThePersonaAndAPluginCanAddToThePrompt() throws Exception {
        Files.createDirectories(layout.workspace());
        Files.writeString(layout.workspace().resolve("SOUL.md"), "You are Pinchy, a crab of few words.\n");
        Scripted provider = new Scripted(r -> ChatResponse.reply("ok"));
        host.publish("test:agent", c -> {
            c.registerProvider(provider);
            c.on(
                    HookPoint.BEFORE_PROMPT_BUILD,
                    e -> HookOutcome.replace(e.withSystemPromptAppended("Today is Tuesday.")));
            c.on(HookPoint.BEFORE_MODEL_RESOLVE, e -> HookOutcome.replace(e.withModel("scripted", "model-2")));
        });
        begin();

        say("c1", "hi");

        ChatRequest request = provider.requests.get(0);
        assertThat(request.model()).isEqualTo("model-2");
        assertThat(request.messages().get(0).content())
                .isEqualTo("You are Pinchy, a crab of few words.\n\nToday is Tuesday.");
    }

    @Test
    void aSoulFileThatIsTooLargeIsLeftOutAndSaidSoOnce() throws Exception {
        Files.createDirectories(layout.workspace());
        Files.writeString(layout.workspace().resolve("SOUL.md"), "x".repeat(Persona.MAX_SOUL_BYTES + 1));
        Scripted provider = new Scripted(r -> ChatResponse.reply("ok"));
        host.publish("test:agent", c -> c.registerProvider(provider));
        begin();

        say("c1", "hi");
        say("c1", "again");

        assertThat(provider.requests.get(1).messages().get(0).content()).isEqualTo(Persona.DEFAULT);
        assertThat(log)
                .filteredOn(l -> l.contains("SOUL.md is left out"))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("larger than 64 KiB"));
    }

    @Test
    void aBeforeToolCallGateBlocksTheCallAndTheModelReadsWhy() throws Exception {
        Scripted provider = new Scripted(request -> last(request).role() == ChatMessage.Role.TOOL
                ? ChatResponse.reply("tool said: " + last(request).content())
                : calls(new ToolCallRequest("c", last(request).content(), "{}")));
        List<String> ran = new CopyOnWriteArrayList<>();
        host.publish("test:agent", c -> {
            c.registerProvider(provider);
            c.registerTool(ToolSpec.of("wipe", "Wipes."), call -> {
                ran.add("wipe");
                return ToolResult.text("wiped");
            });
            c.registerTool(ToolSpec.of("nuke", "Nukes.").markedDestructive(), call -> {
                ran.add("nuke");
                return ToolResult.text("nuked");
            });
            c.on(
                    HookPoint.BEFORE_TOOL_CALL,
                    e -> e.call().toolName().equals("wipe")
                            ? HookOutcome.block("wiping is not allowed here")
                            : HookOutcome.proceed());
        });
        begin();

        Delivery wipe = say("c1", "wipe");
        Delivery nuke = say("c1", "nuke");

        assertThat(ran).isEmpty();
        assertThat(wipe.text()).startsWith("tool said: error (blocked):").contains("wiping is not allowed here");
        assertThat(nuke.text())
                .startsWith("tool said: error (requires-approval):")
                .contains("tool 'nuke' of plugin 'test:agent' is marked destructive");
    }

    @Test
    void theModelSeesInvalidArgumentsAndUnknownToolsAsErrorsAndTheTurnGoesOn() throws Exception {
        Scripted provider = new Scripted(request -> {
            long tools = request.messages().stream()
                    .filter(m -> m.role() == ChatMessage.Role.TOOL)
                    .count();
            return tools == 0
                    ? calls(
                            new ToolCallRequest("a", "nosuch", "{}"),
                            new ToolCallRequest("b", "read_skill", "{not json"))
                    : ChatResponse.reply(request.messages().stream()
                            .filter(m -> m.role() == ChatMessage.Role.TOOL)
                            .map(ChatMessage::content)
                            .reduce((x, y) -> x + " | " + y)
                            .orElseThrow());
        });
        host.publish("test:agent", c -> c.registerProvider(provider));
        begin();

        String reply = say("c1", "go").text();

        assertThat(reply).contains("error (unknown-tool)").contains("nosuch");
        assertThat(reply).contains("error: the arguments for tool 'read_skill' are not valid JSON");
    }

    @Test
    void aModelThatNeverStopsCallingToolsIsStoppedAtTheStepLimit() throws Exception {
        Scripted provider = new Scripted(r -> calls(new ToolCallRequest("x", "read_skill", "{\"name\":\"none\"}")));
        host.publish("test:agent", c -> c.registerProvider(provider));
        AgentSettings d = AgentSettings.defaults();
        begin(new AgentSettings(null, null, 3, d.turnTimeout(), d.sessionIdle(), d.history(), d.soul(), true));

        Delivery delivery = say("c1", "loop");

        assertThat(provider.requests).hasSize(3);
        assertThat(delivery.text())
                .isEqualTo("The model kept asking for tools and gave no answer after 3 steps"
                        + " ([agent] max_steps in config.toml).");
    }

    @Test
    void aProviderThatFailsOrHangsEndsTheTurnWithAMessageNotAHang() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Scripted provider = new Scripted(r -> {
            String text = last(r).content();
            if (text.equals("fail")) {
                throw new PluginException("unauthorized", "HTTP 401 from api.example.com: check OPENAI_API_KEY");
            }
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ChatResponse.reply("late");
        });
        host.publish("test:agent", c -> c.registerProvider(provider));
        AgentSettings d = AgentSettings.defaults();
        begin(new AgentSettings(null, null, 8, Duration.ofMillis(300), d.sessionIdle(), d.history(), d.soul(), false));

        assertThat(say("c1", "fail").text())
                .isEqualTo("The model provider 'scripted' failed: HTTP 401 from api.example.com: check OPENAI_API_KEY");
        long start = System.nanoTime();
        assertThat(say("c1", "hang").text())
                .isEqualTo("The model provider 'scripted' did not answer within 0 s ([agent] turn_timeout in"
                        + " config.toml).");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void streamingChannelsGetPartialRepliesButNotWhenAnOutboundStageMustSeeTheWholeReply() throws Exception {
        Scripted provider = new Scripted(r -> ChatResponse.reply("one two three"));
        host.publish("test:agent", c -> c.registerProvider(provider));
        begin();

        say("c1", "count");

        assertThat(channel.sent)
                .extracting(m -> (m.partial() ? "~" : "") + m.text())
                .containsExactly("~one ", "~one two ", "~one two three", "one two three");

        channel.sent.clear();
        host.publish("test:stage", c -> c.registerStage(stage("tag", Stage.Direction.OUTBOUND, StageResult::replace)));
        say("c1", "count");

        assertThat(channel.sent).extracting(OutboundMessage::partial).containsExactly(false);
    }

    @Test
    void stagesDropAndHooksCancelOrClaimAndTheDeliverySaysWho() throws Exception {
        Scripted provider = new Scripted(r -> ChatResponse.reply("secret plans"));
        host.publish("test:agent", c -> {
            c.registerProvider(provider);
            c.registerStage(stage(
                    "spam",
                    Stage.Direction.INBOUND,
                    m -> m.text().contains("buy now") ? StageResult.drop("looks like spam") : StageResult.pass()));
            c.on(
                    HookPoint.MESSAGE_CLAIM,
                    e -> e.text().startsWith("!ping") ? HookOutcome.claim("pong") : HookOutcome.proceed());
            c.on(
                    HookPoint.MESSAGE_SENDING,
                    e -> e.text().contains("secret") ? HookOutcome.cancel("it leaks a secret") : HookOutcome.proceed());
        });
        begin();

        Delivery dropped = say("c1", "buy now!!");
        Delivery claimed = say("c1", "!ping");
        Delivery cancelled = say("c1", "what are the plans?");

        assertThat(dropped.status()).isEqualTo(Delivery.Status.DROPPED);
        assertThat(dropped.detail()).isEqualTo("stage test:agent/spam dropped the message: looks like spam");
        assertThat(claimed.text()).isEqualTo("pong");
        assertThat(cancelled.status()).isEqualTo(Delivery.Status.CANCELLED);
        assertThat(cancelled.detail()).isEqualTo("plugin 'test:agent' cancelled the reply: it leaks a secret");
        assertThat(channel.sent).extracting(OutboundMessage::text).containsExactly("pong");
        assertThat(provider.requests).hasSize(1);
    }

    @Test
    void stagesRunInTheOrderTheManifestDeclaresThemAndAThrowingStageIsSkipped() throws Exception {
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "pipe",
                "{\"id\":\"pipe\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme.Pipe\"},"
                        + "\"provides\":{\"stages\":[{\"name\":\"b\",\"direction\":\"inbound\"},"
                        + "{\"name\":\"boom\",\"direction\":\"inbound\"},{\"name\":\"a\",\"direction\":\"inbound\"}]}}");
        TestJars.jar()
                .source(
                        "com.acme.Pipe",
                        "package com.acme;\nimport dev.pincer.api.*; import dev.pincer.api.channel.*;\n"
                                + "public class Pipe implements Plugin {\n"
                                + " static Stage add(String n) { return new Stage() {\n"
                                + "  public String name() { return n; }\n"
                                + "  public Direction direction() { return Direction.INBOUND; }\n"
                                + "  public StageResult apply(StageMessage m) {\n"
                                + "   if (n.equals(\"boom\")) throw new IllegalStateException(\"broken stage\");\n"
                                + "   return StageResult.replace(m.withText(m.text() + n)); } }; }\n"
                                + " public void activate(PluginContext c) {\n"
                                + "  c.registerStage(add(\"a\")); c.registerStage(add(\"boom\")); c.registerStage(add(\"b\")); }\n}\n")
                .writeTo(folder.resolve("lib/pipe.jar"));
        host.publish(
                "test:commands",
                c -> c.registerCommand(
                        CommandSpec.withArgs("say", "Says.", "<text>"), inv -> CommandResult.reply(inv.args())));
        begin();

        assertThat(say("c1", "/say x").text()).isEqualTo("xba");
        assertThat(host.reports()).anySatisfy(d -> assertThat(d.message()).contains("broken stage"));
    }

    @Test
    void aStageWhoseDirectionThrowsIsLeftOutAndMessagesStillFlow() throws Exception {
        host.publish("test:stages", c -> {
            c.registerStage(new Stage() {
                @Override
                public String name() {
                    return "lost";
                }

                @Override
                public Direction direction() {
                    throw new IllegalStateException("no idea which way");
                }

                @Override
                public StageResult apply(StageMessage message) {
                    return StageResult.drop("must never run");
                }
            });
            c.registerStage(
                    stage("shout", Stage.Direction.INBOUND, m -> StageResult.replace(m.withText(m.text() + "!"))));
            c.registerCommand(CommandSpec.withArgs("say", "Says.", "<text>"), inv -> CommandResult.reply(inv.args()));
        });
        begin();

        Delivery first = say("c1", "/say hi");
        Delivery second = say("c1", "/say again");

        assertThat(first.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(first.text()).isEqualTo("hi!");
        assertThat(second.text()).isEqualTo("again!");
        assertThat(host.reports())
                .filteredOn(d -> d.message().contains("no idea which way"))
                .hasSize(1);
    }

    @Test
    void aChannelThatCannotSendMakesAFailedDeliveryAndTheGatewayGoesOn() throws Exception {
        host.publish(
                "test:commands",
                c -> c.registerCommand(CommandSpec.noArgs("hi", "Hi."), i -> CommandResult.reply("hi")));
        begin();
        channel.failSends = true;

        Delivery delivery = say("c1", "/hi");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.detail()).contains("the line is down");
        channel.failSends = false;
        assertThat(say("c1", "/hi").status()).isEqualTo(Delivery.Status.SENT);
    }

    @Test
    void sessionsAreKeyedByConversationRememberHistoryAndEndOnNewIdleAndStop() throws Exception {
        Scripted provider =
                new Scripted(r -> ChatResponse.reply("seen " + r.messages().size()));
        host.publish("test:agent", c -> c.registerProvider(provider));
        AgentSettings d = AgentSettings.defaults();
        begin(new AgentSettings(null, null, 8, d.turnTimeout(), Duration.ofMillis(200), 40, d.soul(), false));

        Delivery a1 = say("a", "one");
        Delivery a2 = say("a", "two");
        Delivery b1 = say("b", "one");

        assertThat(a1.sessionId()).isEqualTo(a2.sessionId()).isNotEqualTo(b1.sessionId());
        assertThat(a2.text()).isEqualTo("seen 4"); // system, user, assistant, user
        assertThat(say("a", "/new").text()).isEqualTo("Started a new session; earlier messages are forgotten.");
        Delivery a3 = say("a", "three");
        assertThat(a3.sessionId()).isNotEqualTo(a1.sessionId());
        assertThat(a3.text()).isEqualTo("seen 2");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gateway.sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(gateway.sessionCount()).isZero();
        assertThat(Collections.frequency(fired, "session_start"))
                .isEqualTo(Collections.frequency(fired, "session_end"));
    }

    @Test
    void aChannelsSinkTakesOnlyItsOwnMessagesAndNothingAfterTheGatewayStops() throws Exception {
        host.publish(
                "test:commands",
                c -> c.registerCommand(CommandSpec.noArgs("hi", "Hi."), i -> CommandResult.reply("hi")));
        begin();

        assertThatThrownBy(() -> channel.sink.receive(InboundMessage.of("other", "c", "ann", "/hi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claiming to come from channel 'other'");
        channel.sink.receive(InboundMessage.of("test", "c", "ann", "/hi"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (channel.sent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(channel.sent).extracting(OutboundMessage::text).containsExactly("hi");

        gateway.stop(Duration.ofSeconds(5));

        assertThat(channel.stopped).isTrue();
        assertThatThrownBy(() -> channel.sink.receive(InboundMessage.of("test", "c", "ann", "/hi")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has been stopped");
        assertThat(gateway.submit(InboundMessage.of("test", "c", "ann", "/hi"))
                        .get()
                        .detail())
                .isEqualTo("the gateway is stopping");
        assertThat(fired).endsWith("gateway_stop", "session_end");
    }

    @Test
    void aMessageTooLongIsRefusedWithTheLimit() throws Exception {
        begin();

        Delivery delivery = say("c1", "x".repeat(Gateway.MAX_MESSAGE_CHARS + 1));

        assertThat(delivery.status()).isEqualTo(Delivery.Status.REFUSED);
        assertThat(delivery.detail()).contains("100001 characters", "100000");
    }

    @Test
    void aLazyProviderPluginIsActivatedWhenATurnNeedsItAndSaysWhy() throws Exception {
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "llm",
                "{\"id\":\"llm\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme.Llm\"},"
                        + "\"activation\":{\"mode\":\"lazy\"},\"provides\":{\"providers\":[\"acme\"]}}");
        TestJars.jar()
                .source(
                        "com.acme.Llm",
                        "package com.acme;\nimport dev.pincer.api.*; import dev.pincer.api.provider.*; import java.util.*;\n"
                                + "public class Llm implements Plugin {\n"
                                + " public void activate(PluginContext c) { c.registerProvider(new Provider() {\n"
                                + "  public String id() { return \"acme\"; }\n"
                                + "  public List<String> models() { return List.of(\"acme-1\"); }\n"
                                + "  public ChatResponse chat(ChatRequest r) { return ChatResponse.reply(\"acme says hi to \" + r.model()); }\n"
                                + " }); }\n}\n")
                .writeTo(folder.resolve("lib/llm.jar"));
        begin();
        assertThat(host.states()).containsEntry("llm", PluginState.RESOLVED);

        Delivery delivery = say("c1", "hello");

        assertThat(delivery.text()).isEqualTo("acme says hi to acme-1");
        assertThat(host.states()).containsEntry("llm", PluginState.ACTIVE);
        assertThat(host.activationReason("llm")).contains("an agent turn needs a model provider and it declares one");
    }

    @Test
    void lazyPluginsDeclaringMessageHooksAreActivatedByTheFirstMessage() throws Exception {
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "watcher",
                "{\"id\":\"watcher\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme.W\"},"
                        + "\"activation\":{\"mode\":\"lazy\"},\"provides\":{\"hooks\":[\"message_received\"]}}");
        TestJars.jar()
                .source(
                        "com.acme.W",
                        "package com.acme;\nimport dev.pincer.api.*; import dev.pincer.api.hook.*;\n"
                                + "public class W implements Plugin {\n"
                                + " public void activate(PluginContext c) { c.on(HookPoint.MESSAGE_RECEIVED, e -> HookOutcome.proceed()); }\n}\n")
                .writeTo(folder.resolve("lib/w.jar"));
        host.publish(
                "test:commands",
                c -> c.registerCommand(CommandSpec.noArgs("hi", "Hi."), i -> CommandResult.reply("hi")));
        begin();
        assertThat(host.states()).containsEntry("watcher", PluginState.RESOLVED);

        say("c1", "/hi");

        assertThat(host.activationReason("watcher"))
                .contains("a message arrived on channel test and it declares a message_received hook");
    }

    @Test
    void everyHookInTheCatalogIsFiredByARealCodePath() throws Exception {
        Scripted provider = new Scripted(request -> last(request).role() == ChatMessage.Role.TOOL
                ? ChatResponse.reply("done")
                : calls(new ToolCallRequest("c", "read_skill", "{\"name\":\"x\"}")));
        host.publish("test:agent", c -> c.registerProvider(provider));
        // plugin_activated and plugin_deactivated come from a real plugin's life.
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "tiny",
                "{\"id\":\"tiny\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme.T\"}}");
        TestJars.jar()
                .source(
                        "com.acme.T",
                        "package com.acme;\npublic class T implements dev.pincer.api.Plugin {\n"
                                + " public void activate(dev.pincer.api.PluginContext c) {}\n}\n")
                .writeTo(folder.resolve("lib/t.jar"));
        begin();
        say("c1", "go");
        gateway.stop(Duration.ofSeconds(5));
        host.stop();

        List<String> never = new ArrayList<>();
        for (HookPoint<?> point : HookPoint.all()) {
            if (!fired.contains(point.name())) {
                never.add(point.name());
            }
        }
        assertThat(never).as("hook points no code path fired").isEmpty();
    }

    @Test
    void providerChoiceAndModelResolveEventsCarryTheConfiguredProvider() throws Exception {
        List<ModelResolveEvent> seen = Collections.synchronizedList(new ArrayList<>());
        List<PromptBuildEvent> prompts = Collections.synchronizedList(new ArrayList<>());
        List<MessageEvent> sent = Collections.synchronizedList(new ArrayList<>());
        host.publish("test:agent", c -> {
            c.registerProvider(new Scripted(r -> ChatResponse.reply("fine")));
            c.on(HookPoint.BEFORE_MODEL_RESOLVE, e -> {
                seen.add(e);
                return HookOutcome.proceed();
            });
            c.on(HookPoint.BEFORE_PROMPT_BUILD, e -> {
                prompts.add(e);
                return HookOutcome.proceed();
            });
            c.on(HookPoint.MESSAGE_SENT, e -> {
                sent.add(e);
                return HookOutcome.proceed();
            });
        });
        AgentSettings d = AgentSettings.defaults();
        begin(new AgentSettings(
                "scripted", "model-2", 8, d.turnTimeout(), d.sessionIdle(), d.history(), d.soul(), true));

        Delivery delivery = say("c9", "how are you?");

        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.providerId()).isEqualTo("scripted");
            assertThat(e.model()).isEqualTo("model-2");
            assertThat(e.prompt()).isEqualTo("how are you?");
            assertThat(e.sessionId()).isEqualTo(delivery.sessionId());
        });
        assertThat(prompts).singleElement().satisfies(e -> assertThat(e.systemPrompt())
                .isEqualTo(Persona.DEFAULT));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sent).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("fine");
            assertThat(e.conversationId()).isEqualTo("c9");
        });
    }
}
