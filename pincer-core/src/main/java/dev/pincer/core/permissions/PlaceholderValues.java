package dev.pincer.core.permissions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the settings values that {@code ${config.<key>}} permission placeholders stand for: the
 * host a URL or {@code host[:port]} value grants, and the environment variable name an env value
 * holds.
 *
 * <p>Strict on purpose: a value yields exactly one host, never a wildcard ({@code *} anywhere is
 * refused), never the unspecified address ({@code 0.0.0.0}, {@code [::]}), never a host hidden
 * behind user information ({@code user@}) or a disguised numeric form. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
final class PlaceholderValues {

    /** What a network value may be, for messages. */
    static final String NETWORK_FORMS = "an http(s) URL such as https://api.example.com/v1, or a host such as"
            + " api.example.com, api.example.com:8443 or 127.0.0.1:11434";

    /** What an env value may be, for messages. */
    static final String ENV_FORMS = "a variable name such as OPENAI_API_KEY (letters, digits and '_', not starting"
            + " with a digit), or an empty value to ask for none";

    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,255}");
    private static final int QUOTE_LIMIT = 200;

    private PlaceholderValues() {}

    /**
     * Returns the network grant {@code value} stands for: the host of an http(s) URL, with
     * {@code :port} when the port is not the scheme's default; or a plain host or {@code
     * host:port}, lower-cased and without a trailing dot.
     *
     * @throws Refused saying why {@code value} is neither
     */
    static String networkGrant(String value) throws Refused {
        if (value.isEmpty()) {
            throw new Refused("it is empty");
        }
        if (value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new Refused("it holds spaces or control characters");
        }
        if (value.indexOf('*') >= 0) {
            throw new Refused("it holds '*', and a host taken from settings is never a wildcard");
        }
        int separator = value.indexOf("://");
        if (separator < 0) {
            if (value.chars().anyMatch(c -> "/?#@\\".indexOf(c) >= 0)) {
                throw new Refused("it is neither a URL starting with http:// or https:// nor a plain host[:port]");
            }
            HostPort plain = hostPort(value);
            return plain.port() == -1 ? plain.host() : plain.host() + ":" + plain.port();
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https URLs are allowed, not '" + scheme + ":'");
        }
        String rest = value.substring(separator + 3);
        int end = rest.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = rest.substring(0, end);
        if (authority.indexOf('@') >= 0) {
            throw new Refused("the URL carries user information before '@', which can hide the real host");
        }
        HostPort url = hostPort(authority);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        return url.port() == -1 || url.port() == defaultPort ? url.host() : url.host() + ":" + url.port();
    }

    /** Returns whether {@code value} is an environment variable name. */
    static boolean isEnvName(String value) {
        return ENV_NAME.matcher(value).matches();
    }

    /**
     * Returns {@code value} as it may be quoted in a message: user information of a URL hidden,
     * and cut short when long.
     */
    static String quote(String value) {
        String shown = value;
        int separator = shown.indexOf("://");
        int at = shown.lastIndexOf('@');
        if (separator >= 0 && at > separator) {
            shown = shown.substring(0, separator + 3) + "…" + shown.substring(at);
        }
        return shown.length() > QUOTE_LIMIT ? shown.substring(0, QUOTE_LIMIT) + "…" : shown;
    }

    private static HostPort hostPort(String authority) throws Refused {
        String host = authority;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new Refused("'" + authority + "' opens '[' and does not close it");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new Refused("'" + after + "' follows the IPv6 address where only ':port' may");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                portText = authority.substring(colon + 1);
                if (portText.indexOf(':') >= 0) {
                    throw new Refused("an IPv6 address is written in brackets, e.g. [2001:db8::1]:8080");
                }
            }
        }
        return new HostPort(host(host), portText == null ? -1 : port(portText));
    }

    private static int port(String text) throws Refused {
        if (!text.matches("[0-9]{1,5}")) {
            throw new Refused("'" + text + "' after ':' is not a port number");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new Refused("port " + port + " is not a valid port (1 to 65535)");
        }
        return port;
    }

    private static String host(String raw) throws Refused {
        String host = raw.toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new Refused("it names no host");
        }
        if (host.startsWith("[")) {
            String inner = host.substring(1, host.length() - 1);
            if (!IPV6_TEXT.matcher(inner).matches() || inner.indexOf(':') < 0) {
                throw new Refused("'" + raw + "' is not a plain IPv6 address");
            }
            unspecified(raw, ipv6(raw, inner));
            return host;
        }
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (NUMERIC_LABEL.matcher(last).matches()) {
            if (!isDottedQuad(host)) {
                throw new Refused("'" + raw + "' is a numeric host that is not a dotted-quad IPv4 address (a.b.c.d)");
            }
            if (host.equals("0.0.0.0")) {
                unspecified(raw, true);
            }
            return host;
        }
        if (!NAME.matcher(host).matches() || host.length() > 253 || longLabel(host)) {
            throw new Refused("'" + raw + "' is not a valid host name");
        }
        return host;
    }

    private static boolean ipv6(String raw, String inner) throws Refused {
        try {
            // Only hex digits, ':' and '.', with a ':': parsed as a literal, never looked up.
            return InetAddress.getByName(inner).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            throw new Refused("'" + raw + "' is not a valid IPv6 address");
        }
    }

    private static void unspecified(String raw, boolean unspecified) throws Refused {
        if (unspecified) {
            throw new Refused("'" + raw + "' is the unspecified address, which stands for any host");
        }
    }

    private static boolean isDottedQuad(String host) {
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

    private static boolean longLabel(String host) {
        for (String label : host.split("\\.")) {
            if (label.length() > 63) {
                return true;
            }
        }
        return false;
    }

    /** A host, normalised, and its port or {@code -1}. */
    private record HostPort(String host, int port) {}

    /** Says why a value cannot stand for a permission; the message is a clause such as "it is empty". */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }
}
