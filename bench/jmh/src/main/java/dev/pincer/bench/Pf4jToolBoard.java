package dev.pincer.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for a PF4J host's tool registry: each generated PF4J plugin's {@code start()} puts one
 * handler here, the counterpart of a Pincer plugin registering one tool. PF4J gives a plugin no
 * host context, so a host-side static map is what its plugins would reach.
 *
 * <p>Thread-safe.
 */
public final class Pf4jToolBoard {

    /** Tool name to handler, filled by the PF4J plugins' {@code start()}. */
    public static final Map<String, Object> TOOLS = new ConcurrentHashMap<>();

    private Pf4jToolBoard() {}
}
