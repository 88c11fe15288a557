package dev.pincer.api.hook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one point in the gateway where plugins can hook in, with its kind and event type.
 *
 * <p>The constants here are the complete catalogue; their names match the hook names a plugin
 * manifest may list, character for character. No other instances exist, so identity and equality
 * coincide. Immutable and thread-safe.
 *
 * @param <E> the type of event handlers of this point receive
 * @since 0.1.0
 */
public final class HookPoint<E> {

    /** Observes the gateway having started, before the first message is accepted. */
    public static final HookPoint<GatewayEvent> GATEWAY_START =
            new HookPoint<>("gateway_start", HookKind.OBSERVE, GatewayEvent.class);

    /** Observes the gateway stopping, before plugins are deactivated. */
    public static final HookPoint<GatewayEvent> GATEWAY_STOP =
            new HookPoint<>("gateway_stop", HookKind.OBSERVE, GatewayEvent.class);

    /** Observes a plugin having been activated: its {@code activate} returned successfully. */
    public static final HookPoint<PluginEvent> PLUGIN_ACTIVATED =
            new HookPoint<>("plugin_activated", HookKind.OBSERVE, PluginEvent.class);

    /** Observes a plugin having been deactivated, after its capabilities were withdrawn. */
    public static final HookPoint<PluginEvent> PLUGIN_DEACTIVATED =
            new HookPoint<>("plugin_deactivated", HookKind.OBSERVE, PluginEvent.class);

    /** Observes an agent session starting. */
    public static final HookPoint<SessionEvent> SESSION_START =
            new HookPoint<>("session_start", HookKind.OBSERVE, SessionEvent.class);

    /** Observes an agent session ending. */
    public static final HookPoint<SessionEvent> SESSION_END =
            new HookPoint<>("session_end", HookKind.OBSERVE, SessionEvent.class);

    /** Observes a message received from a channel, after the inbound pipeline stages. */
    public static final HookPoint<MessageEvent> MESSAGE_RECEIVED =
            new HookPoint<>("message_received", HookKind.OBSERVE, MessageEvent.class);

    /**
     * Claims an inbound message, after {@link #MESSAGE_RECEIVED}: the first plugin that claims it
     * answers it itself and no agent turn runs.
     */
    public static final HookPoint<MessageEvent> MESSAGE_CLAIM =
            new HookPoint<>("message_claim", HookKind.CLAIM, MessageEvent.class);

    /** Modifies a message about to be sent to a channel: handlers may rewrite it or cancel it. */
    public static final HookPoint<MessageEvent> MESSAGE_SENDING =
            new HookPoint<>("message_sending", HookKind.MODIFY, MessageEvent.class);

    /** Observes a message that was sent to a channel. */
    public static final HookPoint<MessageEvent> MESSAGE_SENT =
            new HookPoint<>("message_sent", HookKind.OBSERVE, MessageEvent.class);

    /** Modifies the choice of provider and model before an agent turn. */
    public static final HookPoint<ModelResolveEvent> BEFORE_MODEL_RESOLVE =
            new HookPoint<>("before_model_resolve", HookKind.MODIFY, ModelResolveEvent.class);

    /** Modifies the system prompt before an agent turn's prompt is built. */
    public static final HookPoint<PromptBuildEvent> BEFORE_PROMPT_BUILD =
            new HookPoint<>("before_prompt_build", HookKind.MODIFY, PromptBuildEvent.class);

    /** Observes an agent turn having ended, successfully or not. */
    public static final HookPoint<AgentEndEvent> AGENT_END =
            new HookPoint<>("agent_end", HookKind.OBSERVE, AgentEndEvent.class);

    /** Gates a tool call: handlers may block it or change its arguments. */
    public static final HookPoint<ToolCallEvent> BEFORE_TOOL_CALL =
            new HookPoint<>("before_tool_call", HookKind.GATE, ToolCallEvent.class);

    /** Observes a tool call that finished, with its result. */
    public static final HookPoint<ToolResultEvent> AFTER_TOOL_CALL =
            new HookPoint<>("after_tool_call", HookKind.OBSERVE, ToolResultEvent.class);

    private static final List<HookPoint<?>> ALL = List.of(
            GATEWAY_START,
            GATEWAY_STOP,
            PLUGIN_ACTIVATED,
            PLUGIN_DEACTIVATED,
            SESSION_START,
            SESSION_END,
            MESSAGE_RECEIVED,
            MESSAGE_CLAIM,
            MESSAGE_SENDING,
            MESSAGE_SENT,
            BEFORE_MODEL_RESOLVE,
            BEFORE_PROMPT_BUILD,
            AGENT_END,
            BEFORE_TOOL_CALL,
            AFTER_TOOL_CALL);

    private final String name;
    private final HookKind kind;
    private final Class<E> eventType;

    private HookPoint(String name, HookKind kind, Class<E> eventType) {
        this.name = name;
        this.kind = kind;
        this.eventType = eventType;
    }

    /**
     * Returns every hook point, in the order a request meets them.
     *
     * @return an immutable list of the hook points
     */
    public static List<HookPoint<?>> all() {
        return ALL;
    }

    /**
     * Returns the hook point with the given name, as a manifest spells it.
     *
     * @param name a hook name such as {@code "before_tool_call"}
     * @return the hook point, or empty if no point has that name
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public static Optional<HookPoint<?>> byName(String name) {
        Objects.requireNonNull(name, "name");
        return ALL.stream().filter(point -> point.name.equals(name)).findFirst();
    }

    /**
     * Returns the point's name, as a manifest spells it.
     *
     * @return the name, such as {@code "before_tool_call"}
     */
    public String name() {
        return name;
    }

    /**
     * Returns how handlers of this point run and which outcomes count.
     *
     * @return the kind
     */
    public HookKind kind() {
        return kind;
    }

    /**
     * Returns the type of event handlers of this point receive.
     *
     * @return the event type
     */
    public Class<E> eventType() {
        return eventType;
    }

    /**
     * Returns the point's name.
     *
     * @return the name
     */
    @Override
    public String toString() {
        return name;
    }
}
