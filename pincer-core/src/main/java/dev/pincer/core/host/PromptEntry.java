package dev.pincer.core.host;

import dev.pincer.api.prompt.PromptHandler;
import dev.pincer.api.prompt.PromptSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * Holds what the host needs to render one registered prompt: the value of its registry entry.
 *
 * @param owner the plugin that registered it
 * @param spec what the plugin declared
 * @param handler the plugin's code
 * @param loader the plugin's class loader
 * @param timeout the limit for one rendering
 */
record PromptEntry(String owner, PromptSpec spec, PromptHandler handler, ClassLoader loader, Duration timeout) {

    PromptEntry {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
    }
}
