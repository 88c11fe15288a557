package dev.pincer.core.host;

import com.networknt.schema.Error;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.ToolCallEvent;
import dev.pincer.api.hook.ToolResultEvent;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.hooks.HookBus;
import dev.pincer.core.hooks.HookResult;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.manifest.JsonSchemas;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.CapabilityRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls tools: the one invocation path every surface uses (the CLI now; MCP, channels and the
 * agent later). In order: look the tool up (activating a lazy plugin that declares it), check the
 * arguments against the tool's input schema, run {@code before_tool_call} hooks (which may block
 * or rewrite the arguments, which are then checked again), take one of the owning plugin's
 * concurrency permits, call the tool through the {@link Guard} with the plugin's time limit, fire
 * {@code after_tool_call}, and report.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ToolInvoker {

    private final CapabilityRegistry registry;
    private final HookBus hooks;
    private final Guard guard;
    private final Predicate<String> lazyActivation;
    private final LongSupplier nanoTime;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Creates the invocation path.
     *
     * @param lazyActivation asked to activate the plugin that declares a tool not yet registered;
     *     answers whether it activated one
     * @param nanoTime the clock for durations
     */
    ToolInvoker(
            CapabilityRegistry registry,
            HookBus hooks,
            Guard guard,
            Predicate<String> lazyActivation,
            LongSupplier nanoTime) {
        this.registry = registry;
        this.hooks = hooks;
        this.guard = guard;
        this.lazyActivation = lazyActivation;
        this.nanoTime = nanoTime;
    }

    /**
     * Calls {@code toolName} with {@code arguments} (JSON-like values: maps, lists, strings,
     * numbers, booleans, {@code null}).
     *
     * @param sessionId the session the call belongs to, or {@code null}
     */
    public Invocation invoke(String toolName, Map<String, Object> arguments, String sessionId) {
        long start = nanoTime.getAsLong();
        Optional<Capability> found = registry.snapshot().find(CapabilityKind.TOOL, toolName);
        if (found.isEmpty() && lazyActivation.test(toolName)) {
            found = registry.snapshot().find(CapabilityKind.TOOL, toolName);
        }
        if (found.isEmpty()) {
            return refused(Invocation.Status.UNKNOWN_TOOL, unknown(toolName), null, start);
        }
        ToolEntry tool = found.get().valueAs(ToolEntry.class);
        String problem = validate(tool, arguments);
        if (problem != null) {
            return refused(Invocation.Status.INVALID_ARGUMENTS, problem, tool.owner(), start);
        }
        ToolCall call = new ToolCall(toolName, arguments, UUID.randomUUID().toString(), sessionId);
        HookResult<ToolCallEvent> gate = hooks.fire(
                HookPoint.BEFORE_TOOL_CALL, new ToolCallEvent(call, tool.spec().destructive()));
        if (!gate.proceeds()) {
            return refused(
                    Invocation.Status.BLOCKED,
                    "call to '" + toolName + "' was blocked by plugin '" + gate.pluginId() + "': " + gate.reason(),
                    gate.pluginId(),
                    start);
        }
        ToolCall admitted = gate.event().call();
        if (admitted != call) {
            problem = validate(tool, admitted.arguments());
            if (problem != null) {
                return refused(
                        Invocation.Status.INVALID_ARGUMENTS,
                        "a before_tool_call hook rewrote the arguments" + " into ones the tool refuses: " + problem,
                        tool.owner(),
                        start);
            }
        }
        return call(tool, admitted, start);
    }

    private Invocation call(ToolEntry tool, ToolCall call, long start) {
        boolean admitted;
        try {
            admitted = tool.permits().tryAcquire(tool.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            return refused(
                    Invocation.Status.BUSY,
                    "plugin '" + tool.owner() + "' is busy: all its call slots stayed" + " taken for "
                            + tool.timeout().toMillis() + " ms; try again later",
                    tool.owner(),
                    start);
        }
        // The permit is released when the call really ends, not when the guard gives up on it: a
        // plugin whose calls hang and ignore interrupts runs out of slots instead of piling up threads.
        Outcome<ToolResult> outcome = guard.call(tool.owner(), Phase.TOOL, tool.loader(), tool.timeout(), () -> {
            try {
                return tool.handler().call(call);
            } finally {
                tool.permits().release();
            }
        });
        Duration took = Duration.ofNanos(nanoTime.getAsLong() - start);
        if (outcome instanceof Outcome.Failed<ToolResult> failed) {
            return new Invocation(Invocation.Status.FAILED, null, failed.message(), tool.owner(), took);
        }
        if (outcome instanceof Outcome.TimedOut<ToolResult> timedOut) {
            return new Invocation(Invocation.Status.TIMED_OUT, null, timedOut.message(), tool.owner(), took);
        }
        ToolResult result = ((Outcome.Ok<ToolResult>) outcome).value();
        if (result == null) {
            return new Invocation(
                    Invocation.Status.FAILED,
                    null,
                    "plugin '" + tool.owner() + "' returned no result" + " from tool '" + call.toolName() + "'",
                    tool.owner(),
                    took);
        }
        hooks.fire(HookPoint.AFTER_TOOL_CALL, new ToolResultEvent(call, result, took));
        return new Invocation(Invocation.Status.COMPLETED, result, null, tool.owner(), took);
    }

    /** Returns a sentence naming each failing field, or {@code null} when the arguments fit. */
    private String validate(ToolEntry tool, Map<String, Object> arguments) {
        if (tool.schema() == null) {
            return null;
        }
        JsonNode node = json.valueToTree(arguments);
        List<Error> errors = tool.schema().validate(node);
        if (errors.isEmpty()) {
            return null;
        }
        return "arguments of '" + tool.spec().name() + "' do not match its input schema: "
                + errors.stream().map(JsonSchemas::describe).collect(Collectors.joining("; "));
    }

    private String unknown(String toolName) {
        List<String> names = registry.snapshot().all(CapabilityKind.TOOL).stream()
                .map(Capability::name)
                .toList();
        return "no tool named '" + toolName + "'"
                + Suggestions.closest(toolName, names)
                        .map(s -> "; did you mean '" + s + "'?")
                        .orElse("; `pincer tools list` shows the tools");
    }

    private Invocation refused(Invocation.Status status, String message, String pluginId, long start) {
        return new Invocation(status, null, message, pluginId, Duration.ofNanos(nanoTime.getAsLong() - start));
    }
}
