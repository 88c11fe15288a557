package dev.pincer.core.host;

import dev.pincer.api.resource.ResourceHandler;
import dev.pincer.api.resource.ResourceSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * Holds what the host needs to read one registered resource: the value of its registry entry.
 *
 * @param owner the plugin that registered it
 * @param spec what the plugin declared
 * @param handler the plugin's code
 * @param loader the plugin's class loader
 * @param timeout the limit for one read
 */
record ResourceEntry(String owner, ResourceSpec spec, ResourceHandler handler, ClassLoader loader, Duration timeout) {

    ResourceEntry {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
    }
}
