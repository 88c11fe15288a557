package dev.pincer.core.check;

import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.ManifestFormat;
import dev.pincer.core.manifest.ManifestReadResult;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.runtime.PluginRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks one plugin folder as its author would want before publishing it: the manifest reads and
 * validates, its config schema and settings, the runtime loads the code, activation succeeds in
 * time, what the plugin registers matches what the manifest declares, each tool declaring {@code
 * examples} answers each without an error result, and deactivation succeeds and leaves no threads
 * running.
 *
 * <p>The plugin runs in a real {@link PluginHost} with what it asks for approved (it is the
 * author's own folder), in a private temporary home that is deleted afterwards, so the user's
 * Pincer state is never read or changed. Thread-safe: each {@link #run} has its own home and host.
 *
 * @since 0.1.0
 */
public final class PluginCheck {

    private final SemanticVersion hostVersion;
    private final ManifestReader reader;
    private final Map<String, String> environment;
    private final List<PluginRuntime> runtimes;
    private final Function<AuditSink, Guards> guards;
    private final AuditSink audit;
    private final Clock clock;
    private final CheckSettings settings;

    private PluginCheck(Builder b) {
        this.hostVersion = b.hostVersion;
        this.reader = b.reader;
        this.environment = Map.copyOf(b.environment);
        this.runtimes = List.copyOf(b.runtimes);
        this.guards = b.guards != null ? b.guards : sink -> Guards.create(GuardSettings.defaults(), sink, environment);
        this.audit = b.audit;
        this.clock = b.clock;
        this.settings = new CheckSettings(b.settingsFile, b.homeConfig);
    }

    /** Returns a builder for a check run by a host of {@code hostVersion}. */
    public static Builder builder(SemanticVersion hostVersion) {
        return new Builder(hostVersion);
    }

    /**
     * Checks the plugin in {@code folder} (the folder holding its {@code pincer-plugin.json} or
     * {@code pincer-plugin.toml}) and returns every check's outcome; never throws for what is wrong
     * with the plugin.
     *
     * @throws UncheckedIOException if the temporary home cannot be made or deleted
     */
    public CheckReport run(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        List<CheckResult> results = new ArrayList<>();
        Optional<Path> file = manifestFile(dir);
        if (file.isEmpty()) {
            results.add(CheckResult.failed(
                    "manifest",
                    "no manifest: " + dir + " holds neither " + ManifestFormat.JSON.fileName() + " nor "
                            + ManifestFormat.TOML.fileName(),
                    List.of("run the check on the folder that holds the plugin's manifest")));
            return skipRest(dir, null, results, "there is no manifest");
        }
        ManifestReadResult read = reader.read(file.get());
        results.add(manifestResult(file.get(), read));
        if (read.manifest() == null) {
            return skipRest(dir, read.declaredId(), results, "the manifest did not validate");
        }
        Path home;
        try {
            home = Files.createTempDirectory("pincer-check");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary home for the check: " + e.getMessage(), e);
        }
        try {
            runIn(home, dir, read.manifest(), results);
        } finally {
            delete(home);
        }
        return new CheckReport(dir, read.manifest().id(), results);
    }

    private void runIn(Path home, Path dir, PluginManifest manifest, List<CheckResult> results) {
        Optional<String> config = settings.write(home, dir, manifest);
        if (config.isPresent()) {
            results.add(CheckResult.failed("config", config.get(), List.of()));
            skipRest(dir, manifest.id(), results, "the settings could not be read");
            return;
        }
        HostLayout layout = new HostLayout(home, home.resolve("workspace"), null, environment);
        PluginCatalog plugins = new PluginCatalog(ConfigLoader.create(), reader, hostVersion);
        Catalog catalog = plugins.scan(layout, AskedFor.approved(plugins.scan(layout)));
        Optional<CatalogEntry> found = catalog.find(manifest.id());
        results.add(CheckSettings.result(manifest, catalog));
        if (found.isEmpty() || found.get().state() != PluginState.RESOLVED) {
            String why = found.map(e -> e.state().label() + ": " + e.reason()).orElse("it was not found");
            results.add(CheckResult.failed(
                    "runtime",
                    "the plugin did not resolve, so its code was not loaded (" + why + ")",
                    errors(catalog.diagnosticsFor(manifest.id()))));
            skipRest(dir, manifest.id(), results, "the plugin did not resolve");
            return;
        }
        HostSecurity security =
                new HostSecurity(audit, since -> BigDecimal.ZERO, guards.apply(audit), home, home.resolve("workspace"));
        HostSettings limits = HostSettings.defaults(home.resolve("data"));
        try (PluginHost host = new PluginHost(limits, clock, security, runtimes)) {
            results.addAll(HostRun.check(host, limits, catalog, found.get()));
        }
    }

    private static CheckResult manifestResult(Path file, ManifestReadResult read) {
        List<String> details = new ArrayList<>();
        read.diagnostics().forEach(d -> details.add(line(d)));
        if (read.manifest() == null) {
            return CheckResult.failed(
                    "manifest", file.getFileName() + " does not validate", errors(read.diagnostics()));
        }
        return CheckResult.passed(
                "manifest",
                file.getFileName() + " reads and validates (plugin '"
                        + read.manifest().id() + "' "
                        + read.manifest().version().text() + ")",
                details);
    }

    /** Returns "message (hint)" for each error of {@code diagnostics}. */
    static List<String> errors(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .filter(Diagnostic::isError)
                .map(PluginCheck::line)
                .toList();
    }

    /** Returns the diagnostic as one line for a person: its message, and its hint in brackets. */
    static String line(Diagnostic d) {
        return d.severity().label() + ": " + d.message()
                + d.hintIfAny().map(h -> " (" + h + ")").orElse("");
    }

    private static CheckReport skipRest(Path dir, String id, List<CheckResult> results, String why) {
        for (String check : HostRun.CHECKS) {
            if (results.stream().noneMatch(r -> r.check().equals(check))) {
                results.add(CheckResult.skipped(check, "not checked: " + why));
            }
        }
        return new CheckReport(dir, id, results);
    }

    private static Optional<Path> manifestFile(Path dir) {
        return Stream.of(ManifestFormat.values())
                .map(f -> dir.resolve(f.fileName()))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    private static void delete(Path home) {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the check's temporary home " + home + ": " + e, e);
        }
    }

    /**
     * Builds a {@link PluginCheck}; every option has a default.
     *
     * <p>Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private final SemanticVersion hostVersion;
        private ManifestReader reader;
        private Map<String, String> environment = Map.of();
        private final List<PluginRuntime> runtimes = new ArrayList<>();
        private Function<AuditSink, Guards> guards;
        private AuditSink audit = AuditSink.NONE;
        private Clock clock = Clock.systemUTC();
        private Path settingsFile;
        private String homeConfig = "";

        private Builder(SemanticVersion hostVersion) {
            this.hostVersion = Objects.requireNonNull(hostVersion, "hostVersion");
        }

        /** Reads manifests with {@code reader}; by default {@link ManifestReader#create()}. */
        public Builder reader(ManifestReader reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
            return this;
        }

        /**
         * Runs the plugin with {@code environment} as the host's environment variables (for {@code
         * ${NAME}} in settings and the env service; a plugin sees only those it was granted); empty
         * by default.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Adds a runtime besides the built-in {@code jvm} one (wasm, mcp, skills). */
        public Builder runtime(PluginRuntime runtime) {
            runtimes.add(Objects.requireNonNull(runtime, "runtime"));
            return this;
        }

        /**
         * Makes the guarded host services from the audit sink; by default the real ones over the
         * environment, with the default limits.
         */
        public Builder guards(Function<AuditSink, Guards> guards) {
            this.guards = Objects.requireNonNull(guards, "guards");
            return this;
        }

        /** Records tool calls and guarded uses in {@code audit}; by default nothing is kept. */
        public Builder audit(AuditSink audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /** Stamps events with {@code clock}; by default the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Checks the plugin with the settings in TOML file {@code file} (what would go under {@code
         * [plugins.entries.<id>.config]}) rather than its defaults.
         */
        public Builder settingsFile(Path file) {
            this.settingsFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Appends {@code toml} to the private home's {@code config.toml}; empty by default. */
        public Builder homeConfig(String toml) {
            this.homeConfig = Objects.requireNonNull(toml, "toml");
            return this;
        }

        /** Returns the check. */
        public PluginCheck build() {
            if (reader == null) {
                reader = ManifestReader.create();
            }
            return new PluginCheck(this);
        }
    }
}
