package dev.pincer.core.host;

import dev.pincer.core.commands.CommandRegistry;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.hooks.HookBus;
import dev.pincer.core.registry.CapabilityRegistry;
import dev.pincer.core.services.ServiceSupervisor;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bundles the host's shared parts that every plugin context registers into.
 *
 * <p>Immutable; the parts themselves are thread-safe.
 */
record HostParts(
        HostSettings settings,
        CapabilityRegistry registry,
        HookBus hooks,
        CommandRegistry commands,
        ServiceSupervisor services,
        Consumer<Diagnostic> reports,
        JsonMapper json,
        HostPolicy policy) {

    void report(Diagnostic diagnostic) {
        reports.accept(diagnostic);
    }
}
