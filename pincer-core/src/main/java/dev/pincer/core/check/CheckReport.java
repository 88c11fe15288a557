package dev.pincer.core.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What checking one plugin folder found: one {@link CheckResult} per check, in the order they ran.
 *
 * <p>Immutable.
 *
 * @param folder the plugin folder checked
 * @param pluginId the plugin's id, or {@code null} when the manifest gave none
 * @param results each check's outcome, in order
 * @since 0.1.0
 */
public record CheckReport(Path folder, String pluginId, List<CheckResult> results) {

    public CheckReport {
        Objects.requireNonNull(folder, "folder");
        results = List.copyOf(results);
    }

    /** Returns whether no check failed (skipped checks do not count against the plugin). */
    public boolean passed() {
        return results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAILED);
    }

    /** Returns the checks that failed, in order. */
    public List<CheckResult> failures() {
        return results.stream()
                .filter(r -> r.status() == CheckResult.Status.FAILED)
                .toList();
    }

    /** Returns the result of check {@code name}, e.g. {@code "declarations"}. */
    public java.util.Optional<CheckResult> result(String name) {
        return results.stream().filter(r -> r.check().equals(name)).findFirst();
    }
}
