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
 * <p>{@link #send} reads the whole reply within the request's timeout; {@link #open} hands the
 * body over as it arrives, for replies that come in pieces, such as Server-Sent Events.
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
     * @throws IOException if the exchange failed, timed out ({@link java.net.http.HttpTimeoutException})
     *     or the reply exceeded the size limit
     */
    HttpReply send(HttpRequest request) throws IOException;

    /**
     * Sends {@code request} and returns the reply as soon as its status and headers arrive, with a
     * body to read as it comes, for replies that stream such as Server-Sent Events.
     *
     * <p>The request is checked exactly like {@link #send}: grant, one name resolution with every
     * address checked, the connection pinned to the checked address, redirects followed only to
     * granted hosts, and every hop audited. The request's timeout bounds the wait for the status
     * and headers, redirects included, and then each wait for more of the body: it is an idle
     * limit, so a reply that keeps arriving may take longer in total; the size limit applies to all
     * the bytes of the body together, and a read past it throws {@link IOException}.
     *
     * <p>The caller must close the stream. The default reads the whole reply with {@link #send}
     * and hands it over at once; the host's implementation streams.
     *
     * @param request the request
     * @return the open reply, after following redirects; never {@code null}
     * @throws AccessDeniedException if the request, or a redirect, goes outside the grant or to a
     *     refused address; nothing was sent to it
     * @throws IOException if the exchange failed, or no status arrived within the timeout ({@link
     *     java.net.http.HttpTimeoutException})
     * @since 0.1.0
     */
    default HttpStream open(HttpRequest request) throws IOException {
        return HttpStream.of(send(request));
    }
}
