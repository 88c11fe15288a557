package dev.pincer.testkit;

import dev.pincer.core.guards.AddressResolver;
import dev.pincer.core.guards.HttpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the network behind Pincer's real HTTP guard: a plugin's requests are still checked
 * against what it was granted (and denied and audited as in production), but the ones let through
 * are answered from responses the test scripted, and recorded for the test to read. Nothing goes
 * over the network.
 *
 * <p>Host names resolve to one public address ({@code 93.184.215.14}) unless the
 * test says otherwise with {@link #resolve}, and {@code localhost} to {@code 127.0.0.1}, so the
 * guard's refusal of private and loopback addresses stays real.
 *
 * <p>Thread-safe: plugins may send from any thread while the test scripts and reads.
 *
 * @since 0.1.0
 */
public final class FakeHttp implements HttpTransport {

    private static final byte[] PUBLIC = {93, (byte) 184, (byte) 215, 14};

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Creates a fake network with nothing scripted. */
    public FakeHttp() {
        resolve("localhost", "127.0.0.1");
    }

    /**
     * Answers every request for {@code url} (compared whole, query included) with {@code status}
     * and {@code body} as UTF-8 text; replaces what was scripted for it before.
     *
     * @return this, to script more
     */
    public FakeHttp respond(String url, int status, String body) {
        return respond(url, status, body, "text/plain; charset=utf-8");
    }

    /**
     * Answers every request for {@code url} with {@code status}, {@code body} and a {@code
     * content-type} header of {@code contentType}.
     *
     * @return this, to script more
     */
    public FakeHttp respond(String url, int status, String body, String contentType) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        replies.put(
                url,
                new Reply(status, Map.of("content-type", List.of(contentType)), body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * Makes {@code host} resolve to {@code addresses} (IP literals), e.g. to see the guard refuse a
     * name that points at a private address.
     *
     * @return this, to script more
     */
    public FakeHttp resolve(String host, String... addresses) {
        List<InetAddress> list = new ArrayList<>();
        for (String address : addresses) {
            try {
                list.add(InetAddress.getByName(address)); // an IP literal: no lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + address + "' is not an IP address", e);
            }
        }
        names.put(host, List.copyOf(list));
        return this;
    }

    /** Returns every request that reached the fake network (that the guard let through), in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Returns the resolver the guard uses: scripted names, else the one public address. */
    AddressResolver resolver() {
        return host -> {
            List<InetAddress> scripted = names.get(host);
            return scripted != null ? scripted : List.of(InetAddress.getByAddress(host, PUBLIC));
        };
    }

    /**
     * Records {@code request} and answers it from the script.
     *
     * @throws IOException naming the method and URL when nothing was scripted for it
     */
    @Override
    public Reply exchange(PinnedRequest request) throws IOException {
        String url = request.uri().toString();
        requests.add(new Request(
                request.method(), url, request.headers(), new String(request.body(), StandardCharsets.UTF_8)));
        Reply reply = replies.get(url);
        if (reply == null) {
            throw new IOException("the test scripted no response for " + request.method() + " " + url
                    + "; script one with FakeHttp.respond(\"" + url + "\", 200, \"...\")");
        }
        return reply;
    }

    /** Does nothing: there are no connections to release. */
    @Override
    public void close() {}

    /**
     * One request the plugin sent, as it reached the network.
     *
     * <p>Immutable.
     *
     * @param method the HTTP method, e.g. {@code GET}
     * @param url the whole URL
     * @param headers the headers sent (those the host sets itself are not among them)
     * @param body the body as UTF-8 text, empty for none
     * @since 0.1.0
     */
    public record Request(String method, String url, Map<String, List<String>> headers, String body) {

        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }
}
