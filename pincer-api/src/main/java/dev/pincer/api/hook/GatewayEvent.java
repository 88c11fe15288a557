package dev.pincer.api.hook;

import java.time.Instant;
import java.util.Objects;

/**
 * Reports the gateway starting or stopping.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value.
 *
 * @param hostVersion the running Pincer version, not {@code null}
 * @param occurredAt when it happened, not {@code null}
 * @since 0.1.0
 */
public record GatewayEvent(String hostVersion, Instant occurredAt) {

    public GatewayEvent {
        Objects.requireNonNull(hostVersion, "hostVersion");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
