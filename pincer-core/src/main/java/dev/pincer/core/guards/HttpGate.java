package dev.pincer.core.guards;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether one HTTP hop may go, and to which address: the URL must be a plain http(s) URL,
 * its host and port must be in the plugin's network grant, and the host is resolved once, with
 * every address public (unless the operator listed that {@code host:port} as a private host).
 *
 * <p>Immutable and thread-safe.
 */
final class HttpGate {

    private static final String NO_PRIVATE = "; Pincer does not let plugins reach private networks"
            + " (an operator may allow one host:port in the guard settings' privateHosts)";

    /**
     * A hop that passed: where it goes and the address to connect to.
     *
     * @param target the checked target
     * @param address the checked address to pin the connection to
     */
    record Passed(HttpTarget target, InetAddress address) {}

    private final String pluginId;
    private final HostPatterns grant;
    private final AddressResolver resolver;
    private final GuardSettings settings;

    HttpGate(String pluginId, HostPatterns grant, AddressResolver resolver, GuardSettings settings) {
        this.pluginId = pluginId;
        this.grant = grant;
        this.resolver = resolver;
        this.settings = settings;
    }

    /**
     * Checks {@code uri}, resolving its host at most once.
     *
     * @throws Denial if the hop is refused
     * @throws IOException if the host does not resolve
     */
    Passed check(URI uri) throws Denial, IOException {
        HttpTarget target = HttpTarget.parse(uri);
        if (!grant.allows(target)) {
            String why = target.literal() != null
                    ? "an IP address is reachable only when the network grant lists it exactly"
                    : "not in its network grant";
            throw new Denial(
                    target.display(),
                    why + " (granted: " + grant.describe() + "); run `pincer plugins inspect " + pluginId + "`");
        }
        List<InetAddress> addresses = addresses(target);
        if (!settings.allowsPrivate(target.host(), target.port())) {
            for (InetAddress address : addresses) {
                Optional<String> refusal = AddressCheck.refusal(address);
                if (refusal.isPresent()) {
                    throw new Denial(target.display(), describe(target, addresses, address, refusal.get()));
                }
            }
        }
        return new Passed(target, addresses.get(0));
    }

    private List<InetAddress> addresses(HttpTarget target) throws IOException {
        if (target.literal() != null) {
            return List.of(target.literal());
        }
        List<InetAddress> found;
        try {
            found = resolver.resolve(target.host());
        } catch (UnknownHostException e) {
            throw new UnknownHostException("'" + target.host() + "' does not resolve to an address");
        }
        if (found == null || found.isEmpty()) {
            throw new UnknownHostException("'" + target.host() + "' does not resolve to an address");
        }
        return List.copyOf(found);
    }

    private static String describe(HttpTarget target, List<InetAddress> all, InetAddress bad, String refusal) {
        String shown = bad.getHostAddress();
        if (target.literal() != null) {
            String bare = target.host().replace("[", "").replace("]", "");
            String is = bare.equals(shown) ? "" : shown + ", ";
            return "'" + target.host() + "' is " + is + refusal + NO_PRIVATE;
        }
        if (all.size() == 1) {
            return "'" + target.host() + "' resolves to " + shown + ", " + refusal + NO_PRIVATE;
        }
        String list = all.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
        return "'" + target.host() + "' resolves to " + list + "; " + shown + " is " + refusal + NO_PRIVATE
                + "; every address of a host must be public";
    }
}
