package dev.pincer.core.agent;

import dev.pincer.api.channel.InboundMessage;
import dev.pincer.api.channel.OutboundMessage;
import dev.pincer.api.channel.Stage;
import dev.pincer.api.channel.StageMessage;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.hook.GatewayEvent;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.MessageEvent;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.commands.DispatchResult;
import dev.pincer.core.config.AgentSettings;
import dev.pincer.core.hooks.HookResult;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.skills.EffectiveSkill;
import dev.pincer.core.skills.SkillSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the agent side of a gateway: takes what channels receive, and for each message fires
 * {@code message_received}, runs the inbound stages, offers it to {@code message_claim} hooks,
 * dispatches a slash command or runs an agent turn, runs the outbound stages over the reply, fires
 * {@code message_sending} (which may rewrite or cancel it), sends it through the channel and fires
 * {@code message_sent}.
 *
 * <p>Messages of one conversation are handled one at a time, in order; conversations run
 * concurrently. Each conversation has a session ({@code session_start} when it opens, {@code
 * session_end} when it has been quiet for {@code [agent] session_idle}, when someone types {@code
 * /new}, or when the gateway stops). Lazy plugins are activated when a message first needs them:
 * those declaring channels at start, those declaring stages or message hooks on the first message,
 * a provider's when a turn needs it. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Gateway implements AutoCloseable {

    /** The owner of what the gateway itself registers: {@code /new} and the {@code read_skill} tool. */
    public static final String OWNER = "pincer:agent";

    /** The longest message the gateway takes, in characters. */
    public static final int MAX_MESSAGE_CHARS = 100_000;

    /** How many messages may wait in one conversation before more are refused. */
    static final int MAX_WAITING = 16;

    /** The hook points whose handlers a message needs, so lazy plugins declaring them are activated for it. */
    private static final List<HookPoint<?>> MESSAGE_HOOKS = List.of(
            HookPoint.SESSION_START,
            HookPoint.SESSION_END,
            HookPoint.MESSAGE_RECEIVED,
            HookPoint.MESSAGE_CLAIM,
            HookPoint.MESSAGE_SENDING,
            HookPoint.MESSAGE_SENT,
            HookPoint.BEFORE_MODEL_RESOLVE,
            HookPoint.BEFORE_PROMPT_BUILD,
            HookPoint.AGENT_END);

    private final PluginHost host;
    private final AgentSettings settings;
    private final String version;
    private final Clock clock;
    private final Consumer<String> log;
    private final Sessions sessions;
    private final Stages stages;
    private final Channels channels;
    private final Persona persona;
    private final AgentTurn turns;
    private final ExecutorService workers;
    private final ScheduledExecutorService sweeper;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long lazyGeneration = -1;

    private Gateway(
            PluginHost host,
            AgentSettings settings,
            Path workspace,
            Supplier<SkillSet> skills,
            String version,
            Clock clock,
            Consumer<String> log) {
        this.host = host;
        this.settings = settings;
        this.version = version;
        this.clock = clock;
        this.log = log;
        this.sessions = new Sessions(host.hooks(), clock);
        this.stages = new Stages(host, d -> log.accept(d.severity().label() + ": " + d.message()));
        this.channels = new Channels(host, this::accept, log);
        this.persona = new Persona(workspace.resolve(settings.soul()), skills, log);
        this.turns = new AgentTurn(host, settings, persona, clock);
        this.workers = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors() * 2), daemons("pincer-agent"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(daemons("pincer-sessions"));
    }

    /**
     * Starts the agent side over a started {@code host}: registers {@code /new} and {@code
     * read_skill}, activates lazy plugins that declare channels, starts every registered channel
     * (and later ones as they are registered), and fires {@code gateway_start}.
     *
     * @param workspace where the persona file is looked up, unless {@code [agent] soul} is absolute
     * @param skills the current skills, offered to the model; {@code () -> SkillSet.EMPTY} for none
     * @param version the host version, for {@code gateway_start} and {@code gateway_stop}
     * @param log told about channels starting and stopping and about problems, one line each
     */
    public static Gateway start(
            PluginHost host,
            AgentSettings settings,
            Path workspace,
            Supplier<SkillSet> skills,
            String version,
            Clock clock,
            Consumer<String> log) {
        Gateway gateway = new Gateway(host, settings, workspace, skills, version, clock, log);
        gateway.publish();
        host.activateDeclaring(CapabilityKind.CHANNEL, null, "at gateway start, to run the channels it declares");
        gateway.channels.start();
        long every = Math.max(1_000, Math.min(settings.sessionIdle().toMillis() / 4, 30_000));
        gateway.sweeper.scheduleWithFixedDelay(
                () -> gateway.sessions.expire(settings.sessionIdle()), every, every, TimeUnit.MILLISECONDS);
        host.hooks().fire(HookPoint.GATEWAY_START, new GatewayEvent(version, clock.instant()));
        return gateway;
    }

    /**
     * Hands a received message to the gateway, as a channel's sink does, and returns what became
     * of it once it is handled.
     *
     * <p>The future never fails: a message the gateway cannot take (stopping, too long, too many
     * waiting in its conversation) completes as {@link Delivery.Status#REFUSED} with the reason.
     */
    public CompletableFuture<Delivery> submit(InboundMessage message) {
        if (closing.get()) {
            return done(Delivery.not(Delivery.Status.REFUSED, null, "the gateway is stopping"));
        }
        if (message.text().length() > MAX_MESSAGE_CHARS) {
            return done(Delivery.not(
                    Delivery.Status.REFUSED,
                    null,
                    "the message has " + message.text().length() + " characters; the most the gateway takes is "
                            + MAX_MESSAGE_CHARS));
        }
        activateForMessages(message.channelId());
        Session session = sessions.open(message.channelId(), message.conversationId());
        CompletableFuture<Delivery> handled = session.enqueue(() -> handle(session, message), workers, MAX_WAITING);
        if (handled == null) {
            return done(Delivery.not(
                    Delivery.Status.REFUSED,
                    session.id(),
                    session.ended()
                            ? "the session ended while the message arrived; send it again"
                            : MAX_WAITING + " messages are already waiting in this conversation; wait for the"
                                    + " replies, then send it again"));
        }
        return handled.exceptionally(e -> Delivery.not(
                Delivery.Status.FAILED,
                session.id(),
                "the gateway could not handle the message: " + (e.getCause() == null ? e : e.getCause())));
    }

    /** Returns the ids of the running channels. */
    public List<String> channels() {
        return channels.ids();
    }

    /**
     * Returns why agent turns cannot run, when no provider is registered, configured or declared by
     * a plugin that could be activated; empty when a turn would find one.
     */
    public Optional<String> providerProblem() {
        boolean any = !host.registry().all(CapabilityKind.PROVIDER).isEmpty()
                || host.declaresLazily(CapabilityKind.PROVIDER, settings.provider());
        return any ? Optional.empty() : Optional.of(AgentTurn.NO_PROVIDER);
    }

    /** Returns the number of open sessions. */
    public int sessionCount() {
        return sessions.all().size();
    }

    /**
     * Stops the agent side within about {@code grace}: fires {@code gateway_stop}, stops every
     * channel, lets the messages already being handled finish (abandoning them after {@code
     * grace}), and ends every session. The host's services and plugins are left to the caller,
     * which stops them afterwards.
     */
    public void stop(Duration grace) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        host.hooks().fire(HookPoint.GATEWAY_STOP, new GatewayEvent(version, clock.instant()));
        channels.close();
        sweeper.shutdownNow();
        CompletableFuture<?>[] pending =
                sessions.all().stream().map(Session::tail).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.accept("messages still being handled after " + grace.toSeconds() + " s were abandoned");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // Each message's failure was already turned into its delivery.
        }
        workers.shutdownNow();
        sessions.endAll();
        host.publish(OWNER, context -> {});
    }

    /** Stops the agent side, allowing 10 seconds for messages being handled. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Takes a message from a channel's sink. */
    private void accept(InboundMessage message) {
        submit(message);
    }

    private Delivery handle(Session session, InboundMessage message) {
        session.touch(clock.instant());
        MessageEvent received = new MessageEvent(
                message.channelId(),
                message.conversationId(),
                session.id(),
                message.senderId(),
                message.text(),
                message.metadata());
        host.hooks().fire(HookPoint.MESSAGE_RECEIVED, received);
        Stages.Passage inbound = stages.run(new StageMessage(
                Stage.Direction.INBOUND,
                message.channelId(),
                message.conversationId(),
                message.senderId(),
                message.text(),
                message.metadata()));
        if (inbound.dropped()) {
            return Delivery.not(
                    Delivery.Status.DROPPED,
                    session.id(),
                    "stage " + inbound.droppedBy() + " dropped the message: " + inbound.reason());
        }
        String text = inbound.message().text();
        HookResult<MessageEvent> claim = host.hooks()
                .fire(
                        HookPoint.MESSAGE_CLAIM,
                        new MessageEvent(
                                message.channelId(),
                                message.conversationId(),
                                session.id(),
                                message.senderId(),
                                text,
                                inbound.message().metadata()));
        if (claim.status() == HookResult.Status.CLAIMED) {
            return claim.replyIfAny()
                    .map(reply -> reply(session, reply))
                    .orElseGet(() -> Delivery.not(
                            Delivery.Status.SILENT,
                            session.id(),
                            "plugin '" + claim.pluginId() + "' claimed the message and did not reply"));
        }
        DispatchResult command = host.dispatchCommand(text, message.channelId(), session.id());
        if (!(command instanceof DispatchResult.NotACommand)) {
            return command.userText()
                    .map(reply -> reply(session, reply))
                    .orElseGet(() -> Delivery.not(
                            Delivery.Status.SILENT, session.id(), "the command ran and had nothing to say"));
        }
        boolean streaming = settings.stream()
                && channels.streams(message.channelId())
                && stages.of(Stage.Direction.OUTBOUND).isEmpty()
                && host.hooks().handlerCount(HookPoint.MESSAGE_SENDING) == 0;
        Consumer<String> partials = streaming
                ? soFar ->
                        channels.send(OutboundMessage.partialOf(message.channelId(), message.conversationId(), soFar))
                : null;
        AgentTurn.Result result = turns.run(session, text, partials);
        return reply(session, result.text());
    }

    /** Sends {@code text} back to the session's conversation: outbound stages, {@code message_sending}, the channel, {@code message_sent}. */
    private Delivery reply(Session session, String text) {
        Stages.Passage outbound = stages.run(new StageMessage(
                Stage.Direction.OUTBOUND, session.channelId(), session.conversationId(), null, text, Map.of()));
        if (outbound.dropped()) {
            return Delivery.not(
                    Delivery.Status.DROPPED,
                    session.id(),
                    "stage " + outbound.droppedBy() + " dropped the reply: " + outbound.reason());
        }
        HookResult<MessageEvent> sending = host.hooks()
                .fire(
                        HookPoint.MESSAGE_SENDING,
                        new MessageEvent(
                                session.channelId(),
                                session.conversationId(),
                                session.id(),
                                null,
                                outbound.message().text(),
                                outbound.message().metadata()));
        if (!sending.proceeds()) {
            return Delivery.not(
                    Delivery.Status.CANCELLED,
                    session.id(),
                    "plugin '" + sending.pluginId() + "' cancelled the reply: " + sending.reason());
        }
        MessageEvent final_ = sending.event();
        Optional<String> failure = channels.send(new OutboundMessage(
                session.channelId(), session.conversationId(), final_.text(), false, final_.metadata()));
        if (failure.isPresent()) {
            return Delivery.not(Delivery.Status.FAILED, session.id(), failure.get());
        }
        host.hooks().fire(HookPoint.MESSAGE_SENT, final_);
        return Delivery.sent(session.id(), final_.text());
    }

    /**
     * Activates the lazy plugins that declare stages or message, session or agent hooks, the first
     * time a message arrives after the registry changed.
     */
    private void activateForMessages(String channelId) {
        long generation = host.registry().generation();
        if (generation == lazyGeneration) {
            return;
        }
        String reason = "a message arrived on channel " + channelId + " and it declares ";
        host.activateDeclaring(CapabilityKind.STAGE, null, reason + "pipeline stages");
        for (HookPoint<?> point : MESSAGE_HOOKS) {
            host.activateDeclaring(CapabilityKind.HOOK, point.name(), reason + "a " + point.name() + " hook");
        }
        lazyGeneration = host.registry().generation();
    }

    /** Registers {@code /new} and {@code read_skill} as {@link #OWNER}. */
    private void publish() {
        host.publish(OWNER, context -> {
            context.registerCommand(
                    CommandSpec.noArgs("new", "Ends this conversation's session and starts a new one."), invocation -> {
                        Optional<Session> session = invocation.sessionId() == null
                                ? Optional.empty()
                                : sessions.byId(invocation.sessionId());
                        session.ifPresent(sessions::end);
                        return CommandResult.reply(
                                session.isPresent()
                                        ? "Started a new session; earlier messages are forgotten."
                                        : "There is no session here to end.");
                    });
            context.registerTool(
                    new ToolSpec(
                            "read_skill",
                            "Reads the instructions of a skill offered in the system prompt, by name.",
                            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":1,"
                                    + "\"maxLength\":64}},\"required\":[\"name\"],\"additionalProperties\":false}",
                            false),
                    call -> {
                        String name = String.valueOf(call.arguments().get("name"));
                        return persona.offered().stream()
                                .filter(s -> s.name().equals(name))
                                .findFirst()
                                .map(EffectiveSkill::skill)
                                .map(s -> ToolResult.text(s.document().body()))
                                .orElseGet(() -> ToolResult.error("there is no skill called '" + name
                                        + "' offered here; the system prompt lists the skills offered"));
                    });
        });
    }

    private static CompletableFuture<Delivery> done(Delivery delivery) {
        return CompletableFuture.completedFuture(delivery);
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
