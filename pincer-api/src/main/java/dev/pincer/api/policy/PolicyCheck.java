package dev.pincer.api.policy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * Describes one tool call that a {@link PolicyRule} is asked about.
 *
 * <p>Immutable and thread-safe as long as the arguments are: Pincer passes the call's arguments,
 * which it has already copied deeply into unmodifiable collections.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException} for a negative cost.
 *
 * @param pluginId the plugin that owns the called tool, not {@code null}
 * @param toolName the called tool, not {@code null}
 * @param destructive whether the tool is marked destructive
 * @param cost the cost the tool declares for one call, in the units of the host's spending
 *     limits, or {@code null} when it declares none; never negative
 * @param arguments the call's arguments as JSON-like values, read-only
 * @param actor who asked for the call, e.g. {@code cli}, {@code mcp} or {@code agent:<session>},
 *     not {@code null}
 * @since 0.1.0
 */
public record PolicyCheck(
        String pluginId,
        String toolName,
        boolean destructive,
        BigDecimal cost,
        Map<String, Object> arguments,
        String actor) {

    public PolicyCheck {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(actor, "actor");
        arguments = Collections.unmodifiableMap(Objects.requireNonNull(arguments, "arguments"));
        if (cost != null && cost.signum() < 0) {
            throw new IllegalArgumentException(
                    "cost of a call to \"" + toolName + "\" must not be negative, but was " + cost);
        }
    }
}
