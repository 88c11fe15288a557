package dev.pincer.core.host;

import dev.pincer.core.memory.MemoryChoice;
import dev.pincer.core.memory.SqliteMemory;
import dev.pincer.core.store.Store;
import java.time.Clock;
import java.util.Objects;

/**
 * Offers memory to agents through a {@link PluginHost}, under the host-owned name {@value #OWNER}:
 * the tools {@code memory_store}, {@code memory_search}, {@code memory_get} and {@code
 * memory_delete} (destructive), over the backend a {@link MemoryChoice} names. They are ordinary
 * registered tools, so every call goes through the host's one invocation path: policy, hooks,
 * audit.
 *
 * <ul>
 *   <li>{@link MemoryChoice.Kind#BUILTIN}: the {@link SqliteMemory} over the host's store is
 *       registered as a memory backend of {@value #OWNER}, and the tools use it directly.
 *   <li>{@link MemoryChoice.Kind#PLUGIN}: the tools look up the plugin's registered memory backend
 *       on every call and call it through the host's guard with the plugin's time limit; when the
 *       plugin is lazy and not active yet, the first memory call activates it (the reason recorded is
 *       "first memory call"); when it is not installed, cannot be activated, failed, or registered
 *       no backend, they answer with an error naming the plugin and what to do. A
 *       call into the plugin also has to fit the host's default time limit of the tool call itself.
 *   <li>{@link MemoryChoice.Kind#NONE}: no memory tools.
 * </ul>
 *
 * <p>Memory is shared by every session: a search finds what any session stored, and the session of
 * a {@code memory_store} call is kept as the record's {@code sessionId}, as provenance.
 *
 * <p>Thread-safe: publishing is serialised by the host.
 *
 * @since 0.1.0
 */
public final class HostMemory implements AutoCloseable {

    /** The host-owned name the memory tools and the built-in backend are registered under. */
    public static final String OWNER = "pincer:memory";

    private final PluginHost host;
    private final SqliteMemory builtin;
    private final Clock clock;
    private volatile MemoryChoice choice;
    private volatile boolean closed;

    private HostMemory(PluginHost host, SqliteMemory builtin, Clock clock) {
        this.host = Objects.requireNonNull(host, "host");
        this.builtin = builtin;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Publishes the memory tools for {@code choice} on {@code host}.
     *
     * @param store the host's store, {@code pincer.db}, where the built-in backend keeps memories;
     *     it must stay open until this is closed
     * @param clock stamps the time of each stored memory
     * @throws dev.pincer.api.PluginException if a plugin already holds a memory tool's name (or, for
     *     the built-in backend, the backend id {@value SqliteMemory#ID})
     */
    public static HostMemory start(PluginHost host, Store store, MemoryChoice choice, Clock clock) {
        HostMemory memory = new HostMemory(host, new SqliteMemory(Objects.requireNonNull(store, "store")), clock);
        memory.choose(choice);
        return memory;
    }

    /**
     * Switches to {@code next} (after a reload changed {@code [plugins.slots] memory}, say):
     * withdraws what was offered and publishes the tools for {@code next}, in one step on the host.
     * Stored memories stay where they are: switching back finds them again.
     *
     * @throws IllegalStateException if this is closed
     */
    public synchronized void choose(MemoryChoice next) {
        Objects.requireNonNull(next, "next");
        if (closed) {
            throw new IllegalStateException("the host memory is closed; start a new one");
        }
        host.publish(OWNER, context -> {
            switch (next.kind()) {
                case BUILTIN -> {
                    context.registerMemory(builtin);
                    MemoryTools.register(context, MemoryAccess.builtin(builtin), clock);
                }
                case PLUGIN ->
                    MemoryTools.register(context, MemoryAccess.plugin(host, next.pluginId(), next.origin()), clock);
                case NONE -> {}
            }
        });
        choice = next;
    }

    /** Returns the choice the memory tools serve now. */
    public MemoryChoice choice() {
        return choice;
    }

    /** Withdraws the memory tools and the built-in backend; closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        host.publish(OWNER, context -> {});
    }
}
