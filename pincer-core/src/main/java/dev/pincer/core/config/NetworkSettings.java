package dev.pincer.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Holds the effective {@code [network]} section: the private or local {@code host:port} pairs
 * plugins may reach, such as a local Ollama server, although guarded HTTP refuses private
 * addresses otherwise.
 *
 * <p>Immutable. Only the home {@code config.toml} may set it: a workspace cannot open the local
 * network to plugins.
 *
 * @param privateHosts the pairs, as the config file lists them
 * @param httpTimeout the longest one guarded HTTP request of a plugin may take ({@code
 *     http_timeout}); a plugin may ask for less, never more
 * @since 0.1.0
 */
public record NetworkSettings(List<HostPort> privateHosts, Duration httpTimeout) {

    /** The default of {@link #httpTimeout()}. */
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(30);

    /** The largest {@link #httpTimeout()} the config may set. */
    public static final Duration MAX_HTTP_TIMEOUT = Duration.ofMinutes(10);

    public NetworkSettings {
        privateHosts = List.copyOf(privateHosts);
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        if (httpTimeout.isNegative() || httpTimeout.isZero() || httpTimeout.compareTo(MAX_HTTP_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "[network] http_timeout must be more than 0 and at most 10m, but was " + httpTimeout);
        }
    }

    /** Returns the settings when nothing is configured: no private host may be reached, 30 s per request. */
    public static NetworkSettings defaults() {
        return new NetworkSettings(List.of(), DEFAULT_HTTP_TIMEOUT);
    }

    /**
     * Returns whether {@code host} (a name or an IP literal, IPv6 with or without brackets) on
     * {@code port} is listed. Names compare case-insensitively and literally: {@code localhost}
     * does not list {@code 127.0.0.1}.
     */
    public boolean allowsPrivate(String host, int port) {
        String wanted = HostPort.normalize(host);
        for (HostPort listed : privateHosts) {
            if (listed.port() == port && listed.host().equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Names one host and port.
     *
     * @param host the host name or IP literal, lower case, IPv6 without brackets
     * @param port the port, 1 to 65535
     */
    public record HostPort(String host, int port) {
        public HostPort {
            Objects.requireNonNull(host, "host");
            host = normalize(host);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port of " + host + " must be 1 to 65535, but was " + port);
            }
        }

        /**
         * Returns the pair {@code text} names, e.g. {@code localhost:11434} or {@code [::1]:8080}.
         *
         * @throws IllegalArgumentException if {@code text} is not {@code host:port}
         */
        public static HostPort parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("'" + text + "' is not host:port, e.g. localhost:11434");
            }
            try {
                return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not host:port, e.g. localhost:11434", e);
            }
        }

        static String normalize(String host) {
            String lower = host.toLowerCase(Locale.ROOT);
            return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
