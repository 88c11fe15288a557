package dev.pincer.core.policy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * Describes one tool call to be checked against the policy.
 *
 * <p>Immutable as long as the arguments are (the invocation path passes a call's arguments, which
 * are already deeply unmodifiable); thread-safe.
 *
 * @param actor who asked: {@code cli}, {@code mcp}, {@code agent:<session>}, {@code plugin:<id>}
 * @param pluginId the plugin that owns the tool
 * @param toolName the tool
 * @param destructive whether the tool is marked destructive
 * @param cost the cost the tool declares per call, or {@code null} when it declares none; never
 *     negative
 * @param arguments the call's arguments, JSON-like values
 * @param confirmed whether a person approved this very call, which lets a call that needs approval
 *     run but never one that is denied
 * @since 0.1.0
 */
public record PolicyRequest(
        String actor,
        String pluginId,
        String toolName,
        boolean destructive,
        BigDecimal cost,
        Map<String, Object> arguments,
        boolean confirmed) {

    public PolicyRequest {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(toolName, "toolName");
        arguments = Collections.unmodifiableMap(Objects.requireNonNull(arguments, "arguments"));
        if (cost != null && cost.signum() < 0) {
            throw new IllegalArgumentException(
                    "cost of a call to '" + toolName + "' must not be negative, but was " + cost);
        }
    }
}
