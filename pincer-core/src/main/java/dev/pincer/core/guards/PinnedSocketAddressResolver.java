package dev.pincer.core.guards;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Gives Jetty the address the guard checked instead of resolving the host name: each request
 * carries a {@link Pin} as its tag, Jetty keys its destinations (and so its pooled connections) by
 * host, port and tag, and this resolver answers with the pinned address.
 *
 * <p>A destination without a pin gets no address at all, so nothing Jetty does on its own can
 * reach an unchecked host. Stateless and thread-safe.
 */
final class PinnedSocketAddressResolver implements SocketAddressResolver {

    /**
     * The checked address a request must connect to.
     *
     * @param host the host name the address was checked for
     * @param address the checked address
     */
    record Pin(String host, InetAddress address) {}

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        Object destination = context == null ? null : context.get(Destination.CONTEXT_KEY);
        if (destination instanceof Destination d
                && d.getOrigin().getTag() instanceof Pin pin
                && bare(pin.host()).equalsIgnoreCase(bare(host))) {
            promise.succeeded(List.of(new InetSocketAddress(pin.address(), port)));
        } else {
            promise.failed(new UnknownHostException(
                    "Pincer refuses to connect to '" + host + "' without an address its guard checked"));
        }
    }
}
