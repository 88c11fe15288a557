package dev.pincer.core.reload;

import dev.pincer.core.config.PincerConfig;
import dev.pincer.core.config.ReloadSettings.Strategy;
import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Says what a running Pincer does about a config change: whether the new configuration is
 * accepted, the configuration to run with from now on, which changes were applied and which wait
 * for a restart, and the lines to show the operator.
 *
 * <p>Immutable. Made by {@link ConfigChanges#plan}.
 *
 * @param outcome whether the new configuration was accepted
 * @param strategy the running configuration's reload strategy, which decided the plan
 * @param config the configuration to run with from now on: the running one when rejected or
 *     under {@code restart}; otherwise the new one with the restart-only sections kept at their
 *     running values
 * @param applied the changes {@link #config} applies, in the order {@link ConfigChanges} lists them
 * @param notApplied the changes that take effect only after a restart
 * @param diagnostics what loading the new configuration found (for a rejection, the reasons)
 * @param brokenFiles config files that exist but could not be used
 * @since 0.1.0
 */
public record ReloadPlan(
        Outcome outcome,
        Strategy strategy,
        PincerConfig config,
        List<ConfigChange> applied,
        List<ConfigChange> notApplied,
        List<Diagnostic> diagnostics,
        List<Path> brokenFiles) {

    public ReloadPlan {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(config, "config");
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
        diagnostics = List.copyOf(diagnostics);
        brokenFiles = List.copyOf(brokenFiles);
        if (outcome == Outcome.REJECTED && !(applied.isEmpty() && notApplied.isEmpty())) {
            throw new IllegalArgumentException("a rejected plan applies nothing and lists no change");
        }
    }

    /** Returns whether the new configuration was accepted (possibly with nothing to apply). */
    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    /** Returns whether the new configuration was rejected and the running one kept. */
    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }

    /** Returns every change found, applied or not. */
    public List<ConfigChange> changes() {
        return Stream.concat(applied.stream(), notApplied.stream()).toList();
    }

    /** Returns the plugins whose enablement or settings the applied changes touch; these need reloading. */
    public Set<String> pluginIds() {
        Set<String> ids = new TreeSet<>();
        applied.forEach(c -> ids.addAll(c.pluginIds()));
        return java.util.Collections.unmodifiableSet(ids);
    }

    /** Returns whether an applied change (an allowlist added or removed) may touch every plugin's enablement. */
    public boolean everyPlugin() {
        return applied.stream().anyMatch(ConfigChange::everyPlugin);
    }

    /** Returns whether an applied change touches {@code [policy]}. */
    public boolean policyChanged() {
        return applied.stream().anyMatch(c -> c.area() == ConfigChange.Area.POLICY);
    }

    /** Returns whether an applied change touches {@code [skills]}. */
    public boolean skillsChanged() {
        return applied.stream().anyMatch(c -> c.area() == ConfigChange.Area.SKILLS);
    }

    /**
     * Returns whether the operator is asked to restart: under {@code restart} for any change, under
     * {@code hybrid} for a change that cannot apply live. Under {@code hot} such changes are only
     * reported as not applied.
     */
    public boolean restartRequired() {
        return strategy != Strategy.HOT && !notApplied.isEmpty();
    }

    /** Returns the lines to show the operator: a summary first, then one line per change or error. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (rejected()) {
            rejectionLines(lines);
            return List.copyOf(lines);
        }
        if (applied.isEmpty() && notApplied.isEmpty()) {
            lines.add("config files changed, but the effective config is the same; nothing to do");
        } else if (strategy == Strategy.RESTART) {
            lines.add("config changed (strategy restart): nothing applied; restart Pincer to apply "
                    + count(notApplied.size()));
            notApplied.forEach(c -> lines.add("  changed: " + c.description()));
        } else {
            String rest = notApplied.isEmpty()
                    ? ""
                    : strategy == Strategy.HOT
                            ? ", " + notApplied.size() + " cannot be applied live"
                            : ", " + notApplied.size() + (notApplied.size() == 1 ? " needs" : " need") + " a restart";
            lines.add("config reloaded (strategy " + strategy.label() + "): " + count(applied.size()) + " applied"
                    + rest);
            applied.forEach(c -> lines.add("  applied: " + c.description()));
            notApplied.forEach(c -> lines.add(
                    strategy == Strategy.HOT
                            ? "  not applied: " + c.description() + " (cannot be applied live; restart to apply)"
                            : "  restart needed: " + c.description()));
        }
        diagnostics.stream()
                .filter(d -> !d.isError())
                .forEach(d -> lines.add(
                        "  " + d.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + where(d) + d.message()));
        return List.copyOf(lines);
    }

    private void rejectionLines(List<String> lines) {
        lines.add("config change rejected; Pincer keeps running with the config it had: "
                + (brokenFiles.isEmpty()
                        ? "the new config has errors"
                        : String.join(
                                        " and ",
                                        brokenFiles.stream().map(Path::toString).toList())
                                + (brokenFiles.size() == 1 ? " cannot be used" : " cannot be used")));
        diagnostics.stream()
                .filter(Diagnostic::isError)
                .filter(d -> !d.code().equals("config.unusable"))
                .forEach(d -> lines.add("  error: " + where(d) + d.message() + schemaHint(d)));
        lines.add("  fix the file and save it again; the change is picked up then");
    }

    /** Returns a schema finding's hint; other hints speak of a start-up, where every plugin is blocked. */
    private static String schemaHint(Diagnostic d) {
        return d.code().endsWith(".schema") && d.hint() != null ? " (" + d.hint() + ")" : "";
    }

    private static String where(Diagnostic d) {
        return d.path() == null ? "" : d.path() + ": ";
    }

    private static String count(int n) {
        return n == 1 ? "1 change" : n + " changes";
    }

    /** Whether the new configuration was taken. */
    public enum Outcome {
        /** The new configuration is valid; {@link ReloadPlan#config()} follows it as the strategy allows. */
        ACCEPTED,
        /** The new configuration has errors; the running one is kept. */
        REJECTED
    }
}
