package dev.pincer.core.host;

import dev.pincer.api.Registration;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityRegistry;
import dev.pincer.core.registry.RegistrySnapshot;
import dev.pincer.core.registry.RegistryUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Holds what the new generations of a reload register while they are activated beside the
 * running ones, until the host swaps them in with {@link #commit} or drops them with {@link
 * #abandon}.
 *
 * <p>Names are checked as they are registered, as if the plugins being {@linkplain #replaced()
 * replaced} had already gone: a name another plugin owns is refused at once, as it would be
 * without a reload. Registry entries are applied in one batch, so the swap makes exactly one
 * registry generation; hooks, commands, services and policy rules are {@linkplain #defer deferred}
 * and registered right after.
 *
 * <p>Thread-safe: the contexts of one reload share one staging, which is also their lock; after
 * {@code commit} (or {@code abandon}) it is {@linkplain #open() closed} and contexts register
 * directly.
 */
final class Staging {

    private final Set<String> replaced;
    private final List<Capability> capabilities = new ArrayList<>();
    private final Map<CapabilityKey, Capability> named = new HashMap<>();
    private final List<Deferred> deferred = new ArrayList<>();
    private boolean open = true;

    /** Creates a staging for new generations of the plugins {@code replaced}. */
    Staging(Set<String> replaced) {
        this.replaced = Set.copyOf(replaced);
    }

    /** Returns the ids whose running generations the staged registrations replace. */
    Set<String> replaced() {
        return replaced;
    }

    /** Returns whether registrations are still held here rather than applied. */
    synchronized boolean open() {
        return open;
    }

    /**
     * Stages {@code capability}, unless its name is taken by a plugin that is not being replaced,
     * or by another staged registration.
     *
     * @return empty when staged; the {@code registry.duplicate} error when refused
     */
    synchronized Optional<Diagnostic> stage(Capability capability, RegistrySnapshot current) {
        if (capability.kind().ownedByOne()) {
            CapabilityKey key = new CapabilityKey(capability.kind(), capability.name());
            Capability taken = named.get(key);
            if (taken == null) {
                taken = current.find(capability.kind(), capability.name())
                        .filter(c -> !replaced.contains(c.owner()))
                        .orElse(null);
            }
            if (taken != null) {
                return Optional.of(CapabilityRegistry.duplicate(taken, capability));
            }
            named.put(key, capability);
        }
        capabilities.add(capability);
        return Optional.empty();
    }

    /** Drops a staged {@code capability}; returns whether it was staged. */
    synchronized boolean unstage(Capability capability) {
        if (!capabilities.remove(capability)) {
            return false;
        }
        if (capability.kind().ownedByOne()) {
            named.remove(new CapabilityKey(capability.kind(), capability.name()), capability);
        }
        return true;
    }

    /**
     * Holds {@code action} (a hook, command, service or policy registration) until the commit;
     * the returned registration cancels it before then and undoes it after.
     */
    synchronized Registration defer(Supplier<Registration> action) {
        Deferred d = new Deferred(action);
        deferred.add(d);
        return d;
    }

    /**
     * Swaps the staged generations in: in one registry batch, removes everything the replaced
     * plugins registered and adds everything staged; then applies the deferred registrations.
     * Afterwards the contexts register directly.
     *
     * @return the registry update, whose diagnostics name any staged entry a live registration took
     *     meanwhile
     */
    synchronized RegistryUpdate commit(CapabilityRegistry registry, Runnable beforeDeferred) {
        RegistryUpdate update = registry.update(batch -> {
            replaced.forEach(batch::removeOwner);
            capabilities.forEach(batch::register);
        });
        beforeDeferred.run();
        deferred.forEach(Deferred::apply);
        close();
        return update;
    }

    /** Drops everything staged; the contexts that staged it are being closed. */
    synchronized void abandon() {
        close();
    }

    private void close() {
        open = false;
        capabilities.clear();
        named.clear();
        deferred.clear();
    }

    private record CapabilityKey(dev.pincer.core.registry.CapabilityKind kind, String name) {}

    /** A registration held until the commit. */
    private final class Deferred implements Registration {
        private final Supplier<Registration> action;
        private Registration applied;
        private boolean cancelled;

        Deferred(Supplier<Registration> action) {
            this.action = action;
        }

        /** Runs under the staging's lock, during the commit. */
        void apply() {
            if (!cancelled) {
                applied = action.get();
            }
        }

        @Override
        public void close() {
            Registration undo;
            synchronized (Staging.this) {
                if (applied == null) {
                    cancelled = true;
                    deferred.remove(this);
                    return;
                }
                undo = applied;
            }
            undo.close();
        }
    }
}
