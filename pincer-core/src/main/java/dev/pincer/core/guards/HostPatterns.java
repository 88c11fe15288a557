package dev.pincer.core.guards;

import dev.pincer.core.diagnostics.PincerException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A plugin's network grant, parsed: which hosts and ports it may reach.
 *
 * <p>{@code example.com} matches that name only; {@code *.example.com} matches any name below it
 * but not {@code example.com} itself; an IP literal ({@code 192.0.2.1}, {@code [2001:db8::1]})
 * matches that address only. A pattern with {@code :port} allows that port; without one it allows
 * port 80 for {@code http} and 443 for {@code https}. Matching ignores case and a trailing dot.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
final class HostPatterns {

    private final List<HostPattern> patterns;

    private HostPatterns(List<HostPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Parses {@code network}, the grant of plugin {@code pluginId}.
     *
     * @throws PincerException if a pattern is malformed
     */
    static HostPatterns parse(String pluginId, List<String> network) {
        List<HostPattern> parsed = new ArrayList<>();
        for (String text : network) {
            parsed.add(HostPattern.parse(pluginId, text));
        }
        return new HostPatterns(parsed);
    }

    /** Returns whether some pattern allows {@code target}. */
    boolean allows(HttpTarget target) {
        return patterns.stream().anyMatch(p -> p.matches(target));
    }

    /** Returns the patterns for a message, e.g. {@code api.example.com, *.cdn.example.com}, or {@code nothing}. */
    String describe() {
        if (patterns.isEmpty()) {
            return "nothing";
        }
        return String.join(", ", patterns.stream().map(HostPattern::text).toList());
    }

    /**
     * One pattern.
     *
     * @param text the pattern as normalised
     * @param name the exact name, or the suffix after {@code *.} for a wildcard
     * @param wildcard whether subdomains of {@code name} match (and {@code name} does not)
     * @param literal the address for an IP literal pattern, else {@code null}
     * @param port the port, or {@code -1} for the scheme's default
     */
    record HostPattern(String text, String name, boolean wildcard, InetAddress literal, int port) {

        private static final Pattern SHAPE = Pattern.compile("(\\*\\.)?([a-z0-9.-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?");

        static HostPattern parse(String pluginId, String raw) {
            Objects.requireNonNull(raw, "network pattern");
            String text = raw.trim().toLowerCase(Locale.ROOT);
            boolean wildcard = text.startsWith("*.");
            String body = wildcard ? text.substring(2) : text;
            if (!SHAPE.matcher(text).matches()) {
                throw malformed(pluginId, raw);
            }
            URI probe;
            try {
                probe = new URI("http://" + body + "/");
            } catch (java.net.URISyntaxException e) {
                throw malformed(pluginId, raw);
            }
            HttpTarget target;
            try {
                target = HttpTarget.parse(probe);
            } catch (Denial d) {
                throw malformed(pluginId, raw);
            }
            if (wildcard && target.literal() != null) {
                throw malformed(pluginId, raw);
            }
            int port = probe.getPort();
            return new HostPattern(text, target.host(), wildcard, target.literal(), port);
        }

        boolean matches(HttpTarget target) {
            int wanted = port == -1 ? HttpTarget.defaultPort(target.scheme()) : port;
            if (target.port() != wanted) {
                return false;
            }
            if (literal != null || target.literal() != null) {
                return literal != null && literal.equals(target.literal());
            }
            return wildcard ? target.host().endsWith("." + name) : target.host().equals(name);
        }

        private static PincerException malformed(String pluginId, String raw) {
            return new PincerException(
                    "guards.network-pattern",
                    pluginId,
                    null,
                    "plugin '" + pluginId + "' has a network grant '" + raw
                            + "' that is not a host pattern (example.com, *.example.com, 192.0.2.1,"
                            + " [2001:db8::1], each optionally with :port)",
                    "fix the plugin's permissions.network and approve it again");
        }
    }
}
