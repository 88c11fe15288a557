package dev.pincer.core.guards;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves host names to addresses for the guarded HTTP service, which resolves each name once
 * per request, checks every address, and connects only to a checked one.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AddressResolver {

    /**
     * Returns every address of {@code host}.
     *
     * @param host a host name, never an IP literal
     * @return the addresses, not empty
     * @throws UnknownHostException if the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** Returns a resolver that asks the system's resolver ({@link InetAddress#getAllByName}). */
    static AddressResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
