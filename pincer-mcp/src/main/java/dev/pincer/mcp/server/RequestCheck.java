package dev.pincer.mcp.server;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Checks every HTTP request to the MCP endpoint before the protocol sees it: the {@code Host}
 * header must name the server (defeating DNS rebinding), an {@code Origin} header, when a browser
 * sends one, must be the server's own or one the operator allowed, and when a token is set the
 * request must carry it as {@code Authorization: Bearer <token>}.
 *
 * <p>Immutable and thread-safe.
 */
final class RequestCheck implements ServerHttpHeaderValidator {

    private final Set<String> hosts;
    private final Set<String> origins;
    private final byte[] token;
    private final IntSupplier port;

    /**
     * @param hosts the host names the server answers to, lower case, without port
     * @param origins extra origins allowed, such as {@code https://app.example.com}
     * @param token the bearer token every request must carry, or {@code null} for none
     * @param port the port the server listens on, known once it has started
     */
    RequestCheck(Set<String> hosts, Set<String> origins, String token, IntSupplier port) {
        this.hosts = Set.copyOf(hosts);
        this.origins = Set.copyOf(origins);
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.port = port;
    }

    @Override
    public void validate(HeaderAccessor headers) throws ServerTransportSecurityException {
        String host = first(headers, "Host");
        if (host == null || !ownAuthority(host)) {
            throw new ServerTransportSecurityException(
                    403,
                    "Host header '" + host + "' does not name this server; Pincer answers only to " + hosts
                            + " (a request for another host name may be a DNS rebinding attack)");
        }
        String origin = first(headers, "Origin");
        if (origin != null && !origins.contains(origin) && !ownOrigin(origin)) {
            throw new ServerTransportSecurityException(
                    403,
                    "Origin '" + origin + "' is not allowed; add it to [gateway] allowed_origins in config.toml"
                            + " if this web page should reach Pincer");
        }
        if (token != null) {
            String authorization = first(headers, "Authorization");
            byte[] given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            if (!MessageDigest.isEqual(given, token)) {
                throw new ServerTransportSecurityException(
                        401,
                        authorization == null
                                ? "this gateway needs a bearer token: send Authorization: Bearer <token>"
                                : "the bearer token is wrong");
            }
        }
    }

    private boolean ownAuthority(String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        String name = lower;
        int colon = lower.lastIndexOf(':');
        if (colon > lower.lastIndexOf(']')) {
            name = lower.substring(0, colon);
            String portText = lower.substring(colon + 1);
            if (!portText.equals(Integer.toString(port.getAsInt()))) {
                return false;
            }
        }
        return hosts.contains(name);
    }

    private boolean ownOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && ownAuthority(uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String first(HeaderAccessor headers, String name) {
        List<String> values = headers.getHeader(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
