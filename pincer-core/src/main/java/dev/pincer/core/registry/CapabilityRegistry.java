package dev.pincer.core.registry;

import dev.pincer.api.Registration;
import dev.pincer.core.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Holds every capability plugins register: the single source of truth the gateway reads.
 *
 * <p>Each name of a kind {@linkplain CapabilityKind#ownedByOne() owned by one plugin} belongs to
 * the plugin that registered it first; a second registration is refused with a {@code
 * registry.duplicate} diagnostic naming both plugins, never an overwrite. Hooks are shared: any
 * number of plugins may register handlers on the same hook point.
 *
 * <p>Changes are made in batches through {@link #update}; a batch is all or nothing and makes
 * exactly one new generation when it changes anything. Readers call {@link #snapshot()}, which
 * never waits for a writer (each batch publishes a fresh copy).
 *
 * <p>Thread-safe: batches run one at a time, snapshots may be taken from any thread.
 *
 * @since 0.1.0
 */
public final class CapabilityRegistry {

    /**
     * Collects the changes of one {@link CapabilityRegistry#update}. Valid only inside the update
     * that handed it out, and only on that thread.
     */
    public interface Batch {

        /**
         * Registers {@code capability}, unless its kind is owned by one plugin and its name is
         * taken, in which case the registration is refused and the registry keeps the first.
         *
         * @return empty when registered; the {@code registry.duplicate} error when refused
         */
        Optional<Diagnostic> register(Capability capability);

        /**
         * Removes {@code capability}, as registered (same kind, name, owner and value); a hook
         * handler registered twice is removed once.
         *
         * @return whether it was registered
         */
        boolean withdraw(Capability capability);

        /** Removes everything {@code owner} registered; returns what was removed. */
        List<Capability> removeOwner(String owner);
    }

    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<Consumer<? super RegistrySnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile RegistrySnapshot current = RegistrySnapshot.empty();

    /** Returns what is registered now; never blocks. */
    public RegistrySnapshot snapshot() {
        return current;
    }

    /**
     * Applies the changes {@code changes} makes on a batch, all at once: if it throws, nothing is
     * applied and the exception propagates.
     *
     * @return the resulting snapshot and every refused registration
     * @throws IllegalStateException if called from inside another update's batch on this registry
     */
    public RegistryUpdate update(Consumer<? super Batch> changes) {
        RegistryUpdate update = apply(changes);
        if (update.changed()) {
            for (Consumer<? super RegistrySnapshot> listener : listeners) {
                try {
                    listener.accept(update.snapshot());
                } catch (RuntimeException e) {
                    System.getLogger(CapabilityRegistry.class.getName())
                            .log(System.Logger.Level.WARNING, "a registry listener failed; the change stands", e);
                }
            }
        }
        return update;
    }

    /**
     * Calls {@code listener} with the new snapshot after every update that changed the registry,
     * on the updating thread, after the update is visible. Listeners must be quick and must not
     * update this registry; one that throws is logged and skipped.
     *
     * @return a handle that removes the listener
     */
    public Registration onChange(Consumer<? super RegistrySnapshot> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private RegistryUpdate apply(Consumer<? super Batch> changes) {
        Objects.requireNonNull(changes, "changes");
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException(
                    "registry update started inside another update; make the change on the batch you were given");
        }
        writeLock.lock();
        try {
            WorkingBatch batch = new WorkingBatch(current);
            try {
                changes.accept(batch);
            } finally {
                batch.open = false;
            }
            if (batch.changed) {
                current = new RegistrySnapshot(current.generation() + 1, batch.entries);
            }
            return new RegistryUpdate(current, batch.changed, batch.diagnostics);
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes everything {@code owner} registered, in one generation (none if it had nothing). */
    public RegistryUpdate removeOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        return update(batch -> batch.removeOwner(owner));
    }

    /** A (kind, name) pair of a kind owned by one plugin. */
    private record Key(CapabilityKind kind, String name) {
        static Key of(Capability c) {
            return new Key(c.kind(), c.name());
        }
    }

    /** A private copy of the entries that the batch changes and the registry then publishes. */
    private static final class WorkingBatch implements Batch {
        private final List<Capability> entries;
        private final Map<Key, Capability> named = new HashMap<>();
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private boolean changed;
        private boolean open = true;

        WorkingBatch(RegistrySnapshot base) {
            entries = new ArrayList<>(base.entries());
            entries.stream().filter(c -> c.kind().ownedByOne()).forEach(c -> named.put(Key.of(c), c));
        }

        @Override
        public Optional<Diagnostic> register(Capability capability) {
            requireOpen();
            Objects.requireNonNull(capability, "capability");
            if (capability.kind().ownedByOne()) {
                Capability taken = named.putIfAbsent(Key.of(capability), capability);
                if (taken != null) {
                    Diagnostic refused = duplicate(taken, capability);
                    diagnostics.add(refused);
                    return Optional.of(refused);
                }
            }
            entries.add(capability);
            changed = true;
            return Optional.empty();
        }

        @Override
        public boolean withdraw(Capability capability) {
            requireOpen();
            Objects.requireNonNull(capability, "capability");
            if (capability.kind().ownedByOne() && !named.remove(Key.of(capability), capability)) {
                return false;
            }
            boolean removed = entries.remove(capability);
            changed |= removed;
            return removed;
        }

        @Override
        public List<Capability> removeOwner(String owner) {
            requireOpen();
            Objects.requireNonNull(owner, "owner");
            List<Capability> removed =
                    entries.stream().filter(c -> c.owner().equals(owner)).toList();
            entries.removeAll(removed);
            removed.stream().filter(c -> c.kind().ownedByOne()).forEach(c -> named.remove(Key.of(c)));
            changed |= !removed.isEmpty();
            return removed;
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("this registry batch was already committed; start a new update");
            }
        }
    }

    /**
     * Returns the {@code registry.duplicate} error for {@code refused}, whose name {@code taken}
     * already has: what a batch reports when it refuses a registration.
     */
    public static Diagnostic duplicate(Capability taken, Capability refused) {
        String what = refused.kind().noun() + " '" + refused.name() + "'";
        if (taken.owner().equals(refused.owner())) {
            return Diagnostic.error(
                    "registry.duplicate",
                    refused.owner(),
                    null,
                    "plugin '" + refused.owner() + "' registered " + what + " twice; the first registration stays",
                    "register each " + refused.kind().noun()
                            + " once, or withdraw the first registration before registering it again");
        }
        return Diagnostic.error(
                "registry.duplicate",
                refused.owner(),
                null,
                "plugin '" + refused.owner() + "' cannot register " + what + ": plugin '" + taken.owner()
                        + "' already owns it, so the registration was refused",
                "rename the " + refused.kind().noun() + " in one of the two plugins, or disable one of them"
                        + " (`pincer plugins disable " + refused.owner() + "`)");
    }
}
