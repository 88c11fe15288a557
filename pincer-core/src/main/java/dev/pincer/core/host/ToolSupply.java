package dev.pincer.core.host;

import java.util.Optional;

/**
 * Answers the {@link ToolInvoker} about tools that are not registered: whether a lazy plugin can be
 * activated for one, and otherwise why a declared tool cannot be called.
 *
 * <p>Implementations are thread-safe.
 */
interface ToolSupply {

    /** Activates the lazy plugin that declares {@code toolName}; returns whether one was activated. */
    boolean activateFor(String toolName);

    /**
     * Returns why {@code toolName}, declared by a plugin that is not running, cannot be called
     * (e.g. its plugin awaits approval), or empty when no plugin declares it.
     */
    Optional<String> whyUnavailable(String toolName);
}
