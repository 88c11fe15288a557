package dev.pincer.core.runtime;

import java.net.URI;
import java.util.Optional;

/**
 * What the host does for a runtime on behalf of one plugin: checks against the plugin's approved
 * grant that only the host can make, and a way to fail the plugin when the code it runs can no
 * longer work (a child process that keeps crashing).
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface RuntimeSupport {

    /**
     * Support for a plugin with no approved grant and no host to report to: every HTTP target is
     * refused and {@link #fail} is ignored.
     */
    RuntimeSupport NONE = new RuntimeSupport() {
        @Override
        public Optional<String> httpRefusal(URI target) {
            return Optional.of(target + ": the plugin has no approved network grant");
        }

        @Override
        public void fail(String reason) {}
    };

    /**
     * Returns why the plugin may not reach {@code target} under its approved network grant and the
     * host's private-address rules (the same rules as the guarded HTTP client), or empty when it
     * may. Resolves the host name.
     *
     * @param target an http or https URL
     * @return the refusal, naming the target and what grant is missing; empty when allowed
     */
    Optional<String> httpRefusal(URI target);

    /**
     * Tells the host that the plugin can no longer work: the host deactivates it (soon, on another
     * thread) and marks it failed with {@code reason}. Does nothing once the plugin is inactive.
     *
     * @param reason what went wrong, as a sentence a person reads in the plugin's diagnostics
     */
    void fail(String reason);
}
