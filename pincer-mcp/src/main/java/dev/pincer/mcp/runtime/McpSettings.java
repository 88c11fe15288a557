package dev.pincer.mcp.runtime;

import dev.pincer.core.services.RestartPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Says how the {@code mcp} runtime runs its servers: how a dying child is restarted, and the time
 * limits of the handshake, of requests, of a call waiting for a restarting server, and of a stop.
 *
 * <p>Immutable and thread-safe. The constructor throws {@link NullPointerException} for a missing
 * value and {@link IllegalArgumentException}, naming the value, for a non-positive duration.
 *
 * @param restarts how often a child that died is restarted, and the back-off between attempts; one
 *     more death within its window than it allows ends the plugin {@code failed}
 * @param initializeTimeout the time limit of the MCP {@code initialize} handshake
 * @param requestTimeout the SDK's time limit for one request, when the manifest sets no {@code
 *     resources.timeout}; the host's own call time limit applies on top
 * @param restartWait how long a tool call waits for a restarting server before it answers an error
 * @param stopGrace how long a child has to exit after its standard input is closed, before it and
 *     its descendants are terminated (and, one grace later, killed)
 * @since 0.1.0
 */
public record McpSettings(
        RestartPolicy restarts,
        Duration initializeTimeout,
        Duration requestTimeout,
        Duration restartWait,
        Duration stopGrace) {

    public McpSettings {
        Objects.requireNonNull(restarts, "restarts");
        requirePositive("initializeTimeout", initializeTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("restartWait", restartWait);
        requirePositive("stopGrace", stopGrace);
    }

    /**
     * Returns the defaults: the services' restart policy (5 restarts in 60 s, 1 s doubling up to
     * 30 s), an 8 s handshake (within the host's 10 s activation limit), 30 s requests, calls
     * waiting up to 10 s for a restart, and a 2 s stop grace.
     */
    public static McpSettings defaults() {
        return new McpSettings(
                RestartPolicy.defaults(),
                Duration.ofSeconds(8),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    /** Returns a copy with another restart policy. */
    public McpSettings withRestarts(RestartPolicy policy) {
        return new McpSettings(policy, initializeTimeout, requestTimeout, restartWait, stopGrace);
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, but was " + value);
        }
    }
}
