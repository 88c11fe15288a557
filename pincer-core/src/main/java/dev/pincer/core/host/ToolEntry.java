package dev.pincer.core.host;

import com.networknt.schema.Schema;
import dev.pincer.api.tool.ToolHandler;
import dev.pincer.api.tool.ToolSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Holds what the host needs to call one registered tool: its spec, handler, compiled input
 * schema, owner, class loader and limits. Stored as the value of the tool's registry entry.
 *
 * <p>Immutable apart from the shared permits, which bound calls in flight for the owning plugin.
 *
 * @param owner the plugin that registered the tool
 * @param spec what the plugin declared
 * @param handler the plugin's code
 * @param schema the compiled input schema, or {@code null} when it accepts any object (arguments
 *     are always an object, so there is nothing to check)
 * @param loader the plugin's class loader
 * @param timeout the limit for one call
 * @param permits calls in flight allowed for the owning plugin, shared by all its tools
 * @param destructive whether the spec or the manifest marks the tool destructive
 * @param cost the cost of one call declared in the manifest, or {@code null}
 * @param generation the generation of the plugin's code the handler belongs to
 * @since 0.1.0
 */
record ToolEntry(
        String owner,
        ToolSpec spec,
        ToolHandler handler,
        Schema schema,
        ClassLoader loader,
        Duration timeout,
        Semaphore permits,
        boolean destructive,
        java.math.BigDecimal cost,
        Generation generation) {

    ToolEntry {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(permits, "permits");
    }
}
