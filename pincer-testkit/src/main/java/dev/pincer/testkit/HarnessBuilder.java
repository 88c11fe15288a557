package dev.pincer.testkit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Describes a {@link PluginHarness} to start: the plugin folders, and any of home config,
 * environment variables, approvals, fake network and clock that differ from the defaults.
 *
 * <p>Defaults: no extra config; an environment of only {@code PATH} (so processes a plugin is
 * granted still resolve); everything each plugin asks for approved; a new {@link FakeHttp}; a new
 * {@link TestClock}. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class HarnessBuilder {

    private final List<Path> folders = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private String config = "";
    private Approving approving = Approving.all();
    private String approvalOption;
    private FakeHttp http = new FakeHttp();
    private Clock clock = new TestClock();

    HarnessBuilder() {
        String path = System.getenv("PATH");
        if (path != null) {
            env.put("PATH", path);
        }
    }

    /** Adds plugin folders, each holding a {@code pincer-plugin.json} or {@code .toml}. */
    public HarnessBuilder plugins(Path... pluginFolders) {
        for (Path folder : pluginFolders) {
            folders.add(Objects.requireNonNull(folder, "plugin folder"));
        }
        return this;
    }

    /** Sets extra home config in TOML, e.g. {@code [plugins.entries.<id>.config]} settings. */
    public HarnessBuilder config(String toml) {
        this.config = Objects.requireNonNull(toml, "toml");
        return this;
    }

    /**
     * Sets environment variable {@code name} as the host sees it; a plugin reads it only when its
     * manifest asks for it in {@code permissions.env} and that is approved.
     */
    public HarnessBuilder env(String name, String value) {
        env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Approves nothing the plugins ask for: they run, and every use of a guarded service is denied,
     * so a test can see what the plugin does then.
     *
     * @throws IllegalStateException if {@link #approveOnly} was called too
     */
    public HarnessBuilder approveNothing() {
        approval("approveNothing()", new Approving(false, Set.of()));
        return this;
    }

    /**
     * Approves only {@code entries} of what the plugins ask for, each written {@code
     * network:<host>}, {@code env:<NAME>}, {@code filesystem:<path>} or {@code shell} exactly as in
     * the manifest; the rest is denied when used. Starting fails naming any entry no plugin asks for.
     *
     * @throws IllegalArgumentException if {@code entries} is empty (use {@link #approveNothing()})
     * @throws IllegalStateException if {@link #approveNothing()} was called too
     */
    public HarnessBuilder approveOnly(String... entries) {
        if (entries.length == 0) {
            throw new IllegalArgumentException(
                    "approveOnly() needs at least one entry; to approve nothing," + " call approveNothing()");
        }
        approval("approveOnly(" + String.join(", ", entries) + ")", new Approving(false, Set.of(entries)));
        return this;
    }

    private void approval(String option, Approving chosen) {
        if (approvalOption != null) {
            throw new IllegalStateException(
                    "choose one of " + approvalOption + " and " + option + ": both say what is approved");
        }
        approvalOption = option;
        approving = chosen;
    }

    /** Uses {@code fake} as the network behind the HTTP guard. */
    public HarnessBuilder http(FakeHttp fake) {
        this.http = Objects.requireNonNull(fake, "fake");
        return this;
    }

    /** Runs the host on {@code clock}. */
    public HarnessBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Checks and starts the plugins.
     *
     * @throws AssertionError naming every error when a plugin does not resolve or activate
     * @throws IllegalArgumentException if {@link #approveOnly} names an entry no plugin asks for
     */
    public PluginHarness start() {
        return PluginHarness.start(new HarnessSetup(folders, config, env, approving, http, clock));
    }
}
