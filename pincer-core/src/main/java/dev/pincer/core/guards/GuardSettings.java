package dev.pincer.core.guards;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host's limits for the guarded services, the same for every plugin.
 *
 * <p>Immutable. A plugin may ask for a shorter time limit than {@link #httpTimeout()} or {@link
 * #processTimeout()} but never a longer one: these are the defaults and the ceilings.
 *
 * @param maxResponseBytes the largest HTTP response body read, per hop
 * @param maxRequestBytes the largest HTTP request body sent
 * @param maxRedirects how many redirects one request may follow
 * @param httpTimeout the longest time one HTTP request may take, redirects included
 * @param maxFileBytes the largest file read or written
 * @param processTimeout the longest time a process may run before it is killed
 * @param maxProcessOutputBytes the most bytes kept of a process's standard output, and separately
 *     of its standard error
 * @param privateHosts {@code host:port} pairs the operator allows to resolve to non-public
 *     addresses (e.g. {@code localhost:11434} for a local model server); nothing else may. Stored
 *     in lower case; IPv6 literals in brackets, e.g. {@code [::1]:8080}
 * @since 0.1.0
 */
public record GuardSettings(
        long maxResponseBytes,
        long maxRequestBytes,
        int maxRedirects,
        Duration httpTimeout,
        long maxFileBytes,
        Duration processTimeout,
        long maxProcessOutputBytes,
        Set<String> privateHosts) {

    public GuardSettings {
        positive("maxResponseBytes", maxResponseBytes);
        positive("maxRequestBytes", maxRequestBytes);
        positive("maxFileBytes", maxFileBytes);
        positive("maxProcessOutputBytes", maxProcessOutputBytes);
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects is 0 or more, got " + maxRedirects);
        }
        positive("httpTimeout", httpTimeout);
        positive("processTimeout", processTimeout);
        privateHosts = privateHosts.stream().map(GuardSettings::hostPort).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Returns the defaults: 10 MiB bodies and files, 5 redirects, 30 s per HTTP request, 60 s per
     * process, 1 MiB of each process output stream, no private hosts.
     */
    public static GuardSettings defaults() {
        long mib = 1024 * 1024;
        return new GuardSettings(
                10 * mib, 10 * mib, 5, Duration.ofSeconds(30), 10 * mib, Duration.ofSeconds(60), mib, Set.of());
    }

    /** Returns a copy with {@code hostPorts} as the private hosts. */
    public GuardSettings withPrivateHosts(Set<String> hostPorts) {
        return new GuardSettings(
                maxResponseBytes,
                maxRequestBytes,
                maxRedirects,
                httpTimeout,
                maxFileBytes,
                processTimeout,
                maxProcessOutputBytes,
                hostPorts);
    }

    /** Returns a copy with {@code limit} as the longest time one HTTP request may take. */
    public GuardSettings withHttpTimeout(Duration limit) {
        return new GuardSettings(
                maxResponseBytes,
                maxRequestBytes,
                maxRedirects,
                limit,
                maxFileBytes,
                processTimeout,
                maxProcessOutputBytes,
                privateHosts);
    }

    /** Returns whether the operator allowed {@code host} (normalised) on {@code port} to be private. */
    boolean allowsPrivate(String host, int port) {
        return privateHosts.contains(host + ":" + port);
    }

    private static String hostPort(String entry) {
        Objects.requireNonNull(entry, "privateHosts entry");
        String normal = entry.trim().toLowerCase(Locale.ROOT);
        int colon = normal.lastIndexOf(':');
        String host = colon > 0 ? normal.substring(0, colon) : "";
        String port = colon > 0 ? normal.substring(colon + 1) : "";
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(
                    "a private host is written host:port (e.g. localhost:11434), got '" + entry + "'");
        }
        return host + ":" + Integer.parseInt(port);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " is positive, got " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " is positive, got " + value);
        }
    }
}
