package dev.pincer.core.host;

import dev.pincer.api.memory.MemoryBackend;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import java.io.Serial;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Reaches the memory backend in use, for the memory tools: the built-in one directly, a plugin's
 * through the host's {@link dev.pincer.core.lifecycle.Guard} in {@link Phase#MEMORY} with the
 * plugin's time limit. A backend that cannot be reached, a record the backend refuses and a call
 * that fails all end in a {@link Failure} whose message tells the model, and the person behind it,
 * what is wrong and what to do.
 *
 * <p>Implementations are thread-safe.
 */
interface MemoryAccess {

    /** Work done on a backend. */
    @FunctionalInterface
    interface Work<T> {
        /** Does the work on {@code backend}. */
        T on(MemoryBackend backend) throws Exception;
    }

    /** Says, for the model and the person behind it, why a memory call did not happen or failed. */
    final class Failure extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(Objects.requireNonNull(message, "message"), null, false, false);
        }
    }

    /** Runs {@code work} on the backend and returns what it returned. */
    <T> T call(Work<T> work) throws Failure;

    /** Returns access to {@code backend}, run on the caller's thread; its store errors are failures. */
    static MemoryAccess builtin(MemoryBackend backend) {
        return new MemoryAccess() {
            @Override
            public <T> T call(Work<T> work) throws Failure {
                try {
                    return work.on(backend);
                } catch (IllegalArgumentException e) {
                    throw new Failure(e.getMessage());
                } catch (PincerException e) {
                    throw new Failure("the built-in memory failed: " + e.getMessage()
                            + (e.hint() == null ? "" : "; " + e.hint()));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new Failure("the built-in memory failed: " + e);
                }
            }
        };
    }

    /**
     * Returns access to the backend plugin {@code pluginId} registers, looked up in {@code host}'s
     * registry on every call, so that a reload or a failure of the plugin is seen at once.
     *
     * @param origin why the plugin serves memory, quoted when it cannot
     */
    static MemoryAccess plugin(PluginHost host, String pluginId, String origin) {
        return new MemoryAccess() {
            @Override
            public <T> T call(Work<T> work) throws Failure {
                Optional<Capability> found = backendOf(host, pluginId);
                if (found.isEmpty() && host.activate(pluginId, "first memory call")) {
                    found = backendOf(host, pluginId); // a lazy plugin starts on its first memory call
                }
                Capability capability = found.orElseThrow(() -> new Failure(whyMissing(host, pluginId, origin)));
                Outcome<T> outcome = host.callInto(
                        capability, Phase.MEMORY, null, () -> work.on(capability.valueAs(MemoryBackend.class)));
                if (outcome instanceof Outcome.Ok<T> ok) {
                    return ok.value();
                }
                throw new Failure(HostReports.message(outcome));
            }
        };
    }

    private static Optional<Capability> backendOf(PluginHost host, String pluginId) {
        return host.registry().ownedBy(pluginId).stream()
                .filter(c -> c.kind() == CapabilityKind.MEMORY)
                .min(Comparator.comparing(Capability::name));
    }

    /** Says why {@code pluginId} has no memory backend registered, and what to do. */
    private static String whyMissing(PluginHost host, String pluginId, String origin) {
        String plugin = "plugin '" + pluginId + "' serves memory (" + origin + ") but ";
        String instead = "; or set [plugins.slots] memory = \"builtin\" for Pincer's own memory";
        Optional<CatalogEntry> entry = host.entry(pluginId);
        PluginState state = Optional.ofNullable(host.states().get(pluginId))
                .or(() -> entry.map(CatalogEntry::state))
                .orElse(null);
        if (state == null) {
            return plugin + "is not installed; install it" + instead;
        }
        String reason = entry.filter(e -> e.state() == state)
                .map(e -> " (" + e.reason() + ")")
                .orElse("");
        return switch (state) {
            case ACTIVE -> plugin + "registered no memory backend; its activate() must call registerMemory" + instead;
            case RESOLVED ->
                plugin + "could not be activated" + reason + "; `pincer plugins doctor` says what to fix" + instead;
            case AWAITING_APPROVAL ->
                plugin + "is awaiting approval" + reason + "; run `pincer plugins approve " + pluginId + "`" + instead;
            case DISABLED ->
                plugin + "is disabled" + reason + "; run `pincer plugins enable " + pluginId + "`" + instead;
            case FAILED, BLOCKED ->
                plugin + "is " + state.label() + reason + "; `pincer plugins doctor` says what to fix" + instead;
            default -> plugin + "is " + state.label() + " right now; try again in a moment";
        };
    }
}
