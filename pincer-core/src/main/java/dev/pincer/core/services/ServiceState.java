package dev.pincer.core.services;

import java.util.Locale;

/**
 * Names the state a supervised service is in, as shown by {@code pincer plugins inspect}.
 *
 * @since 0.1.0
 */
public enum ServiceState {
    /** Its {@code start} is running, for the first time since the host asked for it. */
    STARTING,
    /** Started, and the last health check (if any) passed. */
    RUNNING,
    /** Started, but recent health checks failed; fewer than the threshold so far. */
    UNHEALTHY,
    /** It failed and a restart is scheduled or under way. */
    RESTARTING,
    /** Not running: never started, or stopped by the host. */
    STOPPED,
    /** Not running because it failed and will not be restarted; the last error says why. */
    FAILED;

    /** Returns the plain lower-case word used in output, e.g. {@code "restarting"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
