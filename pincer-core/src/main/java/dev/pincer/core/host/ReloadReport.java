package dev.pincer.core.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says what a {@link PluginHost#reload} did: which plugins now run a new generation, which
 * started or stopped, which could not be reloaded (and still run their old generation), and which
 * are known but do not run.
 *
 * <p>Immutable.
 *
 * @param registryGeneration the registry generation after the reload
 * @param reloaded each reloaded plugin with the number of the generation that now serves it
 * @param started plugins that run (or, if lazy, can be called) and did not before
 * @param stopped plugins that ran and were deactivated
 * @param failed plugins whose new version could not be activated, with why; a plugin that was
 *     running still runs its old generation
 * @param notRunning plugins the reload looked at that do not run, with their state and why
 *     (disabled, awaiting approval, invalid manifest...)
 * @since 0.1.0
 */
public record ReloadReport(
        long registryGeneration,
        Map<String, Long> reloaded,
        List<String> started,
        List<String> stopped,
        Map<String, String> failed,
        Map<String, String> notRunning) {

    public ReloadReport {
        reloaded = Collections.unmodifiableMap(new LinkedHashMap<>(reloaded));
        started = List.copyOf(started);
        stopped = List.copyOf(stopped);
        failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
        notRunning = Collections.unmodifiableMap(new LinkedHashMap<>(notRunning));
    }

    /** Returns whether every plugin the reload looked at could be brought to its new version. */
    public boolean ok() {
        return failed.isEmpty();
    }

    /** Returns one sentence per plugin the reload touched, for a person. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        reloaded.forEach((id, generation) -> lines.add("reloaded " + id + " (generation " + generation + ")"));
        started.forEach(id -> lines.add("started " + id));
        stopped.forEach(id -> lines.add("stopped " + id));
        failed.forEach((id, why) -> lines.add("failed " + id + ": " + why));
        notRunning.forEach((id, why) -> lines.add("not running " + id + ": " + why));
        if (lines.isEmpty()) {
            lines.add("nothing to reload");
        }
        return List.copyOf(lines);
    }

    /** Collects a report as the host works; not thread-safe. */
    static final class Builder {
        private final Map<String, Long> reloaded = new LinkedHashMap<>();
        private final List<String> started = new ArrayList<>();
        private final List<String> stopped = new ArrayList<>();
        private final Map<String, String> failed = new LinkedHashMap<>();
        private final Map<String, String> notRunning = new LinkedHashMap<>();

        void reloaded(String id, long generation) {
            reloaded.put(id, generation);
        }

        void started(String id) {
            if (!started.contains(id)) {
                started.add(id);
            }
        }

        void stopped(String id) {
            stopped.add(id);
        }

        void failed(String id, String why) {
            failed.put(id, why);
        }

        void notRunning(String id, String why) {
            notRunning.put(id, why);
        }

        ReloadReport build(long registryGeneration) {
            return new ReloadReport(registryGeneration, reloaded, started, stopped, failed, notRunning);
        }
    }
}
