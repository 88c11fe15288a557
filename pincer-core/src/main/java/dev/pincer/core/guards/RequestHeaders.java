package dev.pincer.core.guards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cleans the headers a plugin asks to send: drops those the host must set itself (such as {@code
 * Host}, framing and connection headers, proxy credentials) and refuses names or values that could
 * split a request.
 *
 * <p>Stateless and thread-safe.
 */
final class RequestHeaders {

    /** Set by the transport, or able to change where or how the request goes. */
    static final Set<String> DROPPED = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authorization",
            "proxy-authenticate",
            "te",
            "trailer",
            "upgrade",
            "expect",
            "http2-settings");

    /** Credentials that must not follow a redirect to another origin. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private RequestHeaders() {}

    /**
     * Returns {@code headers} without the dropped ones.
     *
     * @throws IllegalArgumentException if a name is not an HTTP token or a value holds a line break
     *     or NUL
     */
    static Map<String, List<String>> clean(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid HTTP header name");
            }
            for (String value : values) {
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException(
                            "the value of header '" + name + "' holds a line break or NUL, which HTTP forbids");
                }
            }
            if (!DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
                out.put(name, List.copyOf(values));
            }
        });
        return Map.copyOf(out);
    }

    /** Returns {@code headers} without credentials, for a redirect to another origin. */
    static Map<String, List<String>> withoutCredentials(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>(headers);
        out.keySet().removeIf(name -> CREDENTIALS.contains(name.toLowerCase(Locale.ROOT)));
        return Map.copyOf(out);
    }

    /** Returns {@code headers} without those that describe a body, for a redirect that drops it. */
    static Map<String, List<String>> withoutBodyHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>(headers);
        out.keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).startsWith("content-"));
        return Map.copyOf(out);
    }
}
