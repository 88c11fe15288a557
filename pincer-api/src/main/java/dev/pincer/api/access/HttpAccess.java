package dev.pincer.api.access;

import java.io.IOException;

/**
 * Sends HTTP requests to the hosts the plugin was granted.
 *
 * <p>The host name is resolved once and the connection made to that address; addresses that are
 * not public (loopback, private, link-local, multicast, reserved, and IPv6 forms that embed such an
 * IPv4 address) are refused. Redirects are followed only to granted hosts, each checked the same
 * way. Response bodies are limited in size. Thread-safe.
 *
 * @since 0.1.0
 */
public interface HttpAccess {

    /**
     * Sends {@code request} and reads the whole reply.
     *
     * @param request the request
     * @return the reply, after following redirects
     * @throws AccessDeniedException if the request, or a redirect, goes outside the grant or to a
     *     refused address; nothing was sent to it
     * @throws IOException if the exchange failed, timed out or the reply exceeded the size limit
     */
    HttpReply send(HttpRequest request) throws IOException;
}
