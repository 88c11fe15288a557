package dev.pincer.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Says where {@code pincer gateway} listens and who may connect: the home config's {@code
 * [gateway]} table. A workspace file cannot change it.
 *
 * <p>Immutable.
 *
 * @param host the address to bind; loopback unless a person chose otherwise
 * @param port the TCP port
 * @param tokenEnv the name of the environment variable holding the bearer token every request
 *     must carry, or {@code null} for none (allowed only on loopback)
 * @param allowedHosts more host names the gateway answers to, e.g. behind a reverse proxy
 * @param allowedOrigins origins of web pages allowed to call it, e.g. {@code https://app.example.com}
 * @since 0.1.0
 */
public record GatewaySettings(
        String host, int port, String tokenEnv, List<String> allowedHosts, List<String> allowedOrigins) {

    /** The port the gateway listens on unless configured otherwise. */
    public static final int DEFAULT_PORT = 7433;

    public GatewaySettings {
        Objects.requireNonNull(host, "host");
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Returns loopback on {@link #DEFAULT_PORT}, no token, nothing extra allowed. */
    public static GatewaySettings defaults() {
        return new GatewaySettings("127.0.0.1", DEFAULT_PORT, null, List.of(), List.of());
    }
}
