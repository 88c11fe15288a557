package dev.pincer.core.host;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps what went wrong while running plugins: the last {@value #LIMIT} diagnostics, oldest first,
 * so a long-running host with a misbehaving plugin cannot grow without bound.
 *
 * <p>Thread-safe.
 */
final class HostReports {

    /** Most diagnostics kept. */
    static final int LIMIT = 1000;

    private final Deque<Diagnostic> kept = new ArrayDeque<>();

    synchronized void add(Diagnostic diagnostic) {
        if (kept.size() >= LIMIT) {
            kept.removeFirst();
        }
        kept.addLast(diagnostic);
    }

    synchronized List<Diagnostic> all() {
        return List.copyOf(kept);
    }

    /** Returns the diagnostic for a guarded call that failed or timed out. */
    static Diagnostic failure(String pluginId, Phase phase, Outcome<?> outcome) {
        return Diagnostic.warning("host.plugin-" + phase.label() + "-failed", pluginId, null, message(outcome), null);
    }

    /** Returns the hint a failure carries (a {@link PincerException}'s), or {@code null}. */
    static String hint(Outcome<?> outcome) {
        return outcome instanceof Outcome.Failed<?> failed && failed.error() instanceof PincerException known
                ? known.hint()
                : null;
    }

    /** Returns the sentence for a person that says how a guarded call ended. */
    static String message(Outcome<?> outcome) {
        return outcome.message();
    }
}
