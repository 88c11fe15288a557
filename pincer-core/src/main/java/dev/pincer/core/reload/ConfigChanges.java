package dev.pincer.core.reload;

import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.config.PincerConfig;
import dev.pincer.core.config.ReloadSettings.Strategy;
import dev.pincer.core.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares the running configuration with a newly loaded one and plans what a running Pincer does
 * about the difference, following the running configuration's {@code [reload] strategy}.
 *
 * <p>A new configuration with any error diagnostic or any file that could not be used is
 * <b>rejected</b>: the plan names the reasons and the running configuration is kept. Otherwise
 * each difference becomes a {@link ConfigChange}, live or restart-only:
 *
 * <table>
 *   <caption>What applies live</caption>
 *   <tr><th>setting</th><th>applies</th></tr>
 *   <tr><td>{@code plugins.allow}, {@code plugins.deny}, {@code plugins.entries.*.enabled}</td><td>live</td></tr>
 *   <tr><td>{@code plugins.entries.*.config}, {@code plugins.entries.*.hookTimeout}</td><td>live</td></tr>
 *   <tr><td>{@code plugins.slots}</td><td>live</td></tr>
 *   <tr><td>{@code [policy]}: destructive, limits, trusted, rules</td><td>live</td></tr>
 *   <tr><td>{@code [skills]}: trusted_workspaces, proposals</td><td>live</td></tr>
 *   <tr><td>{@code plugins.paths} (plugin roots)</td><td>restart</td></tr>
 *   <tr><td>{@code [gateway]}, {@code [network]}, {@code [sandbox]}</td><td>restart</td></tr>
 *   <tr><td>{@code [reload]} itself</td><td>restart</td></tr>
 * </table>
 *
 * <p>Strategies: {@code hot} applies every live change and reports the rest as "cannot be applied
 * live; restart to apply"; {@code restart} applies nothing and lists every change as waiting for a
 * restart; {@code hybrid} (the default) applies the live changes and asks for a restart for the
 * rest, naming them. Under {@code hot} and {@code hybrid} the configuration to run with is the new
 * one with the restart-only sections kept at their running values, so a later reload still lists
 * those as pending.
 *
 * <p>Pure: reads no file. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ConfigChanges {

    private final ConfigDiff diff;

    private ConfigChanges(ConfigDiff diff) {
        this.diff = diff;
    }

    /** Returns a planner for {@code layout}, whose home config file names the home-only sections in change lines. */
    public static ConfigChanges forLayout(HostLayout layout) {
        return new ConfigChanges(new ConfigDiff(layout.homeConfig()));
    }

    /** Returns every difference from {@code running} to {@code next}, plugins first, restart-only sections last. */
    public List<ConfigChange> between(PincerConfig running, PincerConfig next) {
        return diff.between(Objects.requireNonNull(running, "running"), Objects.requireNonNull(next, "next"));
    }

    /**
     * Returns what to do about {@code loaded}, the result of loading the config files again, while
     * {@code running} is in force.
     */
    public ReloadPlan plan(PincerConfig running, ConfigLoadResult loaded) {
        Strategy strategy = running.reload().strategy();
        if (!loaded.usable() || loaded.diagnostics().stream().anyMatch(Diagnostic::isError)) {
            return new ReloadPlan(
                    ReloadPlan.Outcome.REJECTED,
                    strategy,
                    running,
                    List.of(),
                    List.of(),
                    loaded.diagnostics(),
                    loaded.brokenFiles());
        }
        List<ConfigChange> changes = between(running, loaded.config());
        List<ConfigChange> applied = new ArrayList<>();
        List<ConfigChange> waiting = new ArrayList<>();
        for (ConfigChange change : changes) {
            (strategy != Strategy.RESTART && change.live() ? applied : waiting).add(change);
        }
        PincerConfig next = strategy == Strategy.RESTART ? running : liveParts(running, loaded.config());
        return new ReloadPlan(
                ReloadPlan.Outcome.ACCEPTED, strategy, next, applied, waiting, loaded.diagnostics(), List.of());
    }

    /** Returns {@code next} with the restart-only sections taken from {@code running}. */
    private static PincerConfig liveParts(PincerConfig running, PincerConfig next) {
        return new PincerConfig(
                next.allow(),
                next.allowOrigins(),
                next.deny(),
                running.paths(),
                next.entries(),
                next.slots(),
                next.policy(),
                running.network(),
                running.sandbox(),
                running.gateway(),
                running.reload(),
                running.skills(),
                running.agent(),
                next.indexes(),
                running.audit());
    }
}
