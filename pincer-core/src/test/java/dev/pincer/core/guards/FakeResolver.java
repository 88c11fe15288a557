package dev.pincer.core.guards;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A resolver with fixed answers that counts how often each name was asked for. */
final class FakeResolver implements AddressResolver {

    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** Makes {@code host} resolve to {@code addresses} (IP literals). */
    FakeResolver map(String host, String... addresses) {
        List<InetAddress> list =
                java.util.Arrays.stream(addresses).map(FakeResolver::literal).toList();
        answers.put(host, list);
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        calls.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        List<InetAddress> found = answers.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found;
    }

    int calls(String host) {
        AtomicInteger count = calls.get(host);
        return count == null ? 0 : count.get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static InetAddress literal(String address) {
        try {
            // Only IP literals reach here, so no lookup happens.
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
