package dev.pincer.wasm;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle instances of one plugin: a call takes one (or instantiates a new one from the compiled
 * module), and gives it back only if the call ended cleanly. At most {@code maxIdle} are kept, the
 * plugin's concurrency, so memory held by idle instances is bounded. Thread-safe.
 */
final class GuestPool {

    private final CompiledModule module;
    private final GuestEnv env;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<Guest> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile boolean closed;

    GuestPool(CompiledModule module, GuestEnv env, int maxIdle) {
        this.module = module;
        this.env = env;
        this.maxIdle = maxIdle;
    }

    Guest acquire() {
        Guest guest = idle.pollFirst();
        if (guest != null) {
            size.decrementAndGet();
            return guest;
        }
        return Guest.create(module, env);
    }

    /** Resets {@code guest} and keeps it for the next call. */
    void release(Guest guest) {
        guest.reset();
        if (!closed && size.incrementAndGet() <= maxIdle) {
            idle.offerFirst(guest);
        } else {
            size.decrementAndGet();
        }
    }

    void close() {
        closed = true;
        idle.clear();
        size.set(0);
    }
}
