package dev.pincer.core.host;

import com.networknt.schema.Error;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.ToolCallEvent;
import dev.pincer.api.hook.ToolResultEvent;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.audit.ArgumentsDigest;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.hooks.HookBus;
import dev.pincer.core.hooks.HookResult;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.manifest.JsonSchemas;
import dev.pincer.core.policy.PolicyDecision;
import dev.pincer.core.policy.PolicyEngine;
import dev.pincer.core.policy.PolicyRequest;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.CapabilityRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls tools: the one invocation path every surface uses (the CLI now; MCP, channels and the
 * agent later). In order: look the tool up (activating a lazy plugin that declares it), check the
 * arguments against the tool's input schema, ask {@link PolicyEngine policy} (the trusted tier:
 * destructive tools, spending limits, configured rules), run {@code before_tool_call} hooks (which
 * may block or rewrite the arguments, which are then checked again), take one of the owning
 * plugin's concurrency permits, call the tool through the {@link Guard} with the plugin's time
 * limit, fire {@code after_tool_call}, and report. Every call, however it ends, is written to the
 * audit log with its arguments' digest, never the arguments.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ToolInvoker {

    private final CapabilityRegistry registry;
    private final HookBus hooks;
    private final Guard guard;
    private final ToolSupply supply;
    private final Supplier<PolicyEngine> policy;
    private final AuditSink audit;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Creates the invocation path.
     *
     * @param supply activates lazy plugins for tools not yet registered, and says why declared
     *     tools of plugins that are not running cannot be called
     * @param policy the policy in force, asked on every call
     * @param audit where every call is recorded
     * @param clock the clock for audit times
     * @param nanoTime the clock for durations
     */
    ToolInvoker(
            CapabilityRegistry registry,
            HookBus hooks,
            Guard guard,
            ToolSupply supply,
            Supplier<PolicyEngine> policy,
            AuditSink audit,
            Clock clock,
            LongSupplier nanoTime) {
        this.registry = registry;
        this.hooks = hooks;
        this.guard = guard;
        this.supply = supply;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /**
     * Calls {@code toolName} with {@code arguments} for the command line, unconfirmed.
     *
     * @param sessionId the session the call belongs to, or {@code null}
     */
    public Invocation invoke(String toolName, Map<String, Object> arguments, String sessionId) {
        return invoke(new ToolRequest(toolName, arguments, sessionId, "cli", false));
    }

    /** Calls the tool {@code request} names, and records the call in the audit log. */
    public Invocation invoke(ToolRequest request) {
        long start = nanoTime.getAsLong();
        Call call = new Call(request, start);
        Invocation result = attempt(call);
        audit.record(call.event(result));
        return result;
    }

    private Invocation attempt(Call call) {
        ToolRequest request = call.request;
        String toolName = request.toolName();
        Optional<Capability> found = registry.snapshot().find(CapabilityKind.TOOL, toolName);
        if (found.isEmpty() && supply.activateFor(toolName)) {
            found = registry.snapshot().find(CapabilityKind.TOOL, toolName);
        }
        ToolEntry tool = found.map(c -> c.valueAs(ToolEntry.class)).orElse(null);
        // A reload swaps the registry before it retires the old generation, so a call that finds
        // its generation retired finds the new one on a second look.
        while (tool != null && !tool.generation().enter()) {
            tool = registry.snapshot()
                    .find(CapabilityKind.TOOL, toolName)
                    .map(c -> c.valueAs(ToolEntry.class))
                    .orElse(null);
        }
        if (tool == null) {
            return call.refused(Invocation.Status.UNKNOWN_TOOL, unknown(toolName), null);
        }
        try {
            return attempt(call, tool);
        } finally {
            tool.generation().exit();
        }
    }

    private Invocation attempt(Call call, ToolEntry tool) {
        ToolRequest request = call.request;
        String toolName = request.toolName();
        call.tool = tool;
        String problem = validate(tool, request.arguments());
        if (problem != null) {
            return call.refused(Invocation.Status.INVALID_ARGUMENTS, problem, tool.owner());
        }
        PolicyDecision decision = policy.get()
                .evaluate(new PolicyRequest(
                        request.actor(),
                        tool.owner(),
                        toolName,
                        tool.destructive(),
                        tool.cost(),
                        request.arguments(),
                        request.confirmed()));
        call.policy = decision;
        switch (decision.verdict()) {
            case DENY:
                return call.refused(Invocation.Status.DENIED, "policy denied the call: " + decision.reason(), null);
            case REQUIRES_APPROVAL:
                return call.refused(
                        Invocation.Status.REQUIRES_APPROVAL,
                        "the call needs a person's approval: " + decision.reason(),
                        null);
            default:
                break;
        }
        ToolCall toolCall = new ToolCall(
                toolName, request.arguments(), UUID.randomUUID().toString(), request.sessionId(), request.caller());
        HookResult<ToolCallEvent> gate =
                hooks.fire(HookPoint.BEFORE_TOOL_CALL, new ToolCallEvent(toolCall, tool.destructive()));
        if (!gate.proceeds()) {
            return call.refused(
                    Invocation.Status.BLOCKED,
                    "call to '" + toolName + "' was blocked by plugin '" + gate.pluginId() + "': " + gate.reason(),
                    gate.pluginId());
        }
        ToolCall admitted = gate.event().call();
        if (admitted != toolCall) {
            problem = validate(tool, admitted.arguments());
            if (problem != null) {
                return call.refused(
                        Invocation.Status.INVALID_ARGUMENTS,
                        "a before_tool_call hook rewrote the arguments into ones the tool refuses: " + problem,
                        tool.owner());
            }
        }
        return run(tool, admitted, call);
    }

    private Invocation run(ToolEntry tool, ToolCall toolCall, Call call) {
        boolean admitted;
        try {
            admitted = tool.permits().tryAcquire(tool.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            return call.refused(
                    Invocation.Status.BUSY,
                    "plugin '" + tool.owner() + "' is busy: all its call slots stayed taken for "
                            + tool.timeout().toMillis() + " ms; try again later",
                    tool.owner());
        }
        // The permit is released when the call really ends, not when the guard gives up on it: a
        // plugin whose calls hang and ignore interrupts runs out of slots instead of piling up threads.
        Outcome<ToolResult> outcome = guard.call(tool.owner(), Phase.TOOL, tool.loader(), tool.timeout(), () -> {
            try {
                return tool.handler().call(toolCall);
            } finally {
                tool.permits().release();
            }
        });
        Duration took = call.elapsed();
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
                    "plugin '" + tool.owner() + "' returned no result from tool '" + toolCall.toolName() + "'",
                    tool.owner(),
                    took);
        }
        hooks.fire(HookPoint.AFTER_TOOL_CALL, new ToolResultEvent(toolCall, result, took));
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
        Optional<String> withheld = supply.whyUnavailable(toolName);
        if (withheld.isPresent()) {
            return withheld.get();
        }
        List<String> names = registry.snapshot().all(CapabilityKind.TOOL).stream()
                .map(Capability::name)
                .toList();
        return "no tool named '" + toolName + "'"
                + Suggestions.closest(toolName, names)
                        .map(s -> "; did you mean '" + s + "'?")
                        .orElse("; `pincer tools list` shows the tools");
    }

    /** What one call has learned so far, for its result and its audit record. */
    private final class Call {
        final ToolRequest request;
        final long start;
        ToolEntry tool;
        PolicyDecision policy;

        Call(ToolRequest request, long start) {
            this.request = request;
            this.start = start;
        }

        Duration elapsed() {
            return Duration.ofNanos(nanoTime.getAsLong() - start);
        }

        Invocation refused(Invocation.Status status, String message, String blamed) {
            String owner = blamed != null ? blamed : tool == null ? null : tool.owner();
            return new Invocation(status, null, message, owner, elapsed());
        }

        AuditEvent event(Invocation result) {
            AuditEvent.Decision decision =
                    switch (result.status()) {
                        case REQUIRES_APPROVAL -> AuditEvent.Decision.REQUIRES_APPROVAL;
                        case COMPLETED, FAILED, TIMED_OUT, BUSY -> AuditEvent.Decision.ALLOWED;
                        default -> AuditEvent.Decision.DENIED;
                    };
            String outcome = result.status() == Invocation.Status.COMPLETED
                            && result.result().isError()
                    ? "error-result"
                    : result.status().label();
            return new AuditEvent(
                    clock.instant(),
                    request.actor(),
                    tool == null ? null : tool.owner(),
                    AuditEvent.Kind.TOOL,
                    request.toolName(),
                    null,
                    decision,
                    reason(decision, result),
                    ArgumentsDigest.of(request.arguments()),
                    result.duration(),
                    outcome,
                    tool == null ? null : tool.cost());
        }

        /** Why the call was refused, how it failed, or why it was allowed to run. */
        private String reason(AuditEvent.Decision decision, Invocation result) {
            boolean broke =
                    result.status() == Invocation.Status.FAILED || result.status() == Invocation.Status.TIMED_OUT;
            return decision != AuditEvent.Decision.ALLOWED || broke ? result.message() : reasonWhenAllowed();
        }

        /** Names a person's confirmation or an allowing rule, so the log says why a held call ran. */
        private String reasonWhenAllowed() {
            if (request.confirmed()) {
                return "confirmed by a person";
            }
            return policy == null ? null : policy.reason();
        }
    }
}
