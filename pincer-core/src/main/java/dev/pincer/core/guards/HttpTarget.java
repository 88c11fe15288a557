package dev.pincer.core.guards;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where one HTTP hop goes, as checked from its URL: scheme, normalised host, effective port, and
 * the address when the host is an IP literal.
 *
 * <p>Immutable.
 *
 * @param uri the URL to send, with the host normalised and without user information or fragment
 * @param scheme {@code http} or {@code https}
 * @param host lower case without a trailing dot; an IPv6 literal in brackets
 * @param port the effective port
 * @param literal the address when the host is an IP literal, else {@code null}
 */
record HttpTarget(URI uri, String scheme, String host, int port, InetAddress literal) {

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-f:.]+");

    /** Returns the port used when a URL of {@code scheme} names none. */
    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** Returns {@code host}, or {@code host:port} when the port is not the scheme's default. */
    String display() {
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    /**
     * Checks {@code uri} and returns where it goes.
     *
     * @throws Denial if it is not an absolute http(s) URL with a plain, unambiguous host
     */
    static HttpTarget parse(URI uri) throws Denial {
        String shown = Redaction.url(uri);
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.isOpaque()) {
            throw new Denial(shown, "only absolute http and https URLs are allowed");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Denial(shown, "only http and https URLs are allowed, not '" + scheme + ":'");
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            throw new Denial(
                    shown,
                    "the URL carries user information before '@', which can hide the real host;"
                            + " send credentials in a header instead");
        }
        if (uri.getHost() == null) {
            throw new Denial(shown, unparsedHost(authority));
        }
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new Denial(shown, "port " + port + " is not a valid port");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        InetAddress literal = host.startsWith("[") ? ipv6(host, shown) : ipv4(stripDot(host), shown);
        host = host.startsWith("[") ? host : stripDot(host);
        if (literal == null && !NAME.matcher(host).matches()) {
            throw new Denial(shown, "'" + host + "' is not a valid host name");
        }
        String explicitPort = uri.getPort() == -1 ? "" : ":" + port;
        String rest = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        URI normal = URI.create(scheme + "://" + host + explicitPort + rest);
        return new HttpTarget(normal, scheme, host, port, literal);
    }

    /** Returns whether {@code host} (normalised, no brackets) is written as a number, which only a dotted quad may be. */
    static boolean endsInNumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(last).matches();
    }

    /** Returns whether {@code host} is a canonical dotted-quad IPv4 address. */
    static boolean isDottedQuad(String host) {
        var m = DOTTED_QUAD.matcher(host);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(String host, String shown) throws Denial {
        if (!endsInNumber(host)) {
            return null;
        }
        if (!isDottedQuad(host)) {
            throw new Denial(shown, ambiguous(host));
        }
        String[] parts = host.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return address(bytes);
    }

    private static InetAddress ipv6(String bracketed, String shown) throws Denial {
        String inner = bracketed.substring(1, bracketed.length() - 1);
        if (!IPV6_TEXT.matcher(inner).matches()) {
            throw new Denial(shown, "'" + bracketed + "' is not a plain IPv6 address (zone ids are refused)");
        }
        try {
            // Only hex digits, ':' and '.': parsed as a literal, never looked up.
            return InetAddress.getByName(inner);
        } catch (UnknownHostException e) {
            throw new Denial(shown, "'" + bracketed + "' is not a valid IPv6 address");
        }
    }

    private static String unparsedHost(String authority) {
        String host = authority.replaceFirst(":[0-9]*$", "").toLowerCase(Locale.ROOT);
        host = stripDot(host);
        if (!host.isEmpty() && endsInNumber(host)) {
            return isDottedQuad(host)
                    ? "'" + host + ".' is an IP address written with a trailing dot; write it as " + host
                    : ambiguous(host);
        }
        return "'" + host + "' is not a valid host name";
    }

    private static String ambiguous(String host) {
        return "'" + host + "' is a numeric host that is not a dotted-quad IPv4 address (a.b.c.d);"
                + " such forms are ambiguous and never allowed";
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
