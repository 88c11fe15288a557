package dev.pincer.core.lifecycle;

import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.Enablement;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.config.PincerConfig;
import dev.pincer.core.config.PluginSettings;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.discovery.DiscoveredPlugin;
import dev.pincer.core.discovery.DiscoveryResult;
import dev.pincer.core.discovery.PluginDiscovery;
import dev.pincer.core.discovery.PluginRoot;
import dev.pincer.core.manifest.FileValidationCache;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.ApprovalBook;
import dev.pincer.core.permissions.PermissionRequest;
import dev.pincer.core.permissions.PermissionText;
import dev.pincer.core.permissions.Standing;
import dev.pincer.core.resolve.Candidate;
import dev.pincer.core.resolve.DependencyResolver;
import dev.pincer.core.resolve.Resolution;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Catalog}: loads config, discovers plugins, decides enablement, computes
 * settings and resolves dependencies, all without running plugin code.
 *
 * <p>Manifests that validated clean before, byte for byte, are not validated again: their
 * digests are kept in {@code $PINCER_HOME/cache/validated-manifests} (written only when the home
 * folder exists; the cache is an optimisation and is never required).
 *
 * <p>Thread-safe: {@link #scan} may run concurrently; each call reads the disk anew.
 *
 * @since 0.1.0
 */
public final class PluginCatalog {

    private final ConfigLoader configLoader;
    private final ManifestReader reader;
    private final DependencyResolver resolver;
    private final SemanticVersion hostVersion;

    /** Creates a catalog builder from its collaborators. */
    public PluginCatalog(ConfigLoader configLoader, ManifestReader reader, SemanticVersion hostVersion) {
        this.configLoader = configLoader;
        this.reader = reader;
        this.resolver = new DependencyResolver(hostVersion);
        this.hostVersion = hostVersion;
    }

    /** Returns the Pincer version plugins are checked against. */
    public SemanticVersion hostVersion() {
        return hostVersion;
    }

    /** Returns a catalog builder with the published schemas, for a host of {@code hostVersion}. */
    public static PluginCatalog create(SemanticVersion hostVersion) {
        return new PluginCatalog(ConfigLoader.create(), ManifestReader.create(), hostVersion);
    }

    /**
     * Returns the catalog of everything installed for {@code layout}, as if no approval had been
     * given: plugins that ask for permissions are {@code awaiting-approval}.
     */
    public Catalog scan(HostLayout layout) {
        return scan(layout, ApprovalBook.EMPTY);
    }

    /**
     * Returns the catalog of everything installed for {@code layout}, with each plugin's
     * permissions weighed against the approvals in {@code approvals}: a plugin that asks for
     * permissions nobody approved is {@code awaiting-approval} and is not resolved, so nothing
     * that depends on it runs either.
     */
    public Catalog scan(HostLayout layout, ApprovalBook approvals) {
        return scan(layout, approvals, configLoader.load(layout));
    }

    /**
     * Returns the catalog of everything installed for {@code layout} as {@link #scan(HostLayout,
     * ApprovalBook)} does, but under {@code config} rather than the config files as they are now: a
     * running Pincer scans under the configuration its reload strategy accepted.
     */
    public Catalog scan(HostLayout layout, ApprovalBook approvals, ConfigLoadResult config) {
        List<PluginRoot> roots = layout.roots(config.config().paths());
        FileValidationCache cache = FileValidationCache.open(
                layout.home().resolve("cache").resolve("validated-manifests"), reader.cacheNamespace(hostVersion));
        DiscoveryResult found = new PluginDiscovery(reader.withCache(cache)).discover(roots);
        if (Files.isDirectory(layout.home())) {
            cache.save();
        }
        Enablement.Result enablement = Enablement.decide(found.plugins(), config, layout.homeConfig());
        List<Diagnostic> diagnostics = new ArrayList<>(config.diagnostics());
        diagnostics.addAll(found.diagnostics());
        diagnostics.addAll(enablement.diagnostics());

        Map<String, Pending> pending = new HashMap<>();
        Map<String, String> unavailable = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (DiscoveredPlugin plugin : found.plugins()) {
            Pending p =
                    prepare(plugin, enablement.decisions().get(plugin.id()), config, layout, approvals, diagnostics);
            pending.put(plugin.id(), p);
            if (p.state() != null) {
                unavailable.put(plugin.id(), p.state().label() + " (" + p.reason() + ")");
            } else {
                candidates.add(candidate(plugin, plugin.manifest().orElseThrow()));
            }
        }
        Resolution resolution = resolver.resolve(candidates, unavailable, shadowedCandidates(found));
        diagnostics.addAll(resolution.diagnostics());

        List<CatalogEntry> entries = new ArrayList<>();
        for (DiscoveredPlugin plugin : found.plugins()) {
            Duration hookTimeout = config.config()
                    .entry(plugin.id())
                    .map(PincerConfig.Entry::hookTimeout)
                    .orElse(null);
            entries.add(entry(plugin, pending.get(plugin.id()), resolution, found, hookTimeout));
        }
        return new Catalog(hostVersion, roots, entries, resolution.order(), diagnostics, config.config());
    }

    private static Pending prepare(
            DiscoveredPlugin plugin,
            Enablement.Decision decision,
            ConfigLoadResult config,
            HostLayout layout,
            ApprovalBook approvals,
            List<Diagnostic> diagnostics) {
        switch (decision.status()) {
            case BLOCKED:
                return new Pending(PluginState.BLOCKED, decision.reason(), null, null);
            case DISABLED:
                return new Pending(PluginState.DISABLED, decision.reason(), null, null);
            default:
                break;
        }
        if (plugin.manifest().isEmpty()) {
            List<Diagnostic> errors = plugin.read().diagnostics().stream()
                    .filter(Diagnostic::isError)
                    .toList();
            String more =
                    errors.size() > 1 ? " (and " + (errors.size() - 1) + " more; see `pincer plugins doctor`)" : "";
            return new Pending(
                    PluginState.FAILED, "invalid manifest: " + errors.get(0).message() + more, null, null);
        }
        PluginManifest manifest = plugin.manifest().get();
        PluginSettings.Result settings = PluginSettings.resolve(manifest, config.config(), layout.env());
        diagnostics.addAll(settings.diagnostics());
        if (settings.failure() != null) {
            return new Pending(PluginState.FAILED, settings.failure(), null, null);
        }
        return weigh(plugin, manifest, decision, settings, config.config(), approvals, diagnostics);
    }

    /**
     * Resolves the permissions {@code manifest} asks for under its settings and weighs them
     * against {@code approvals}.
     */
    private static Pending weigh(
            DiscoveredPlugin plugin,
            PluginManifest manifest,
            Enablement.Decision decision,
            PluginSettings.Result settings,
            PincerConfig config,
            ApprovalBook approvals,
            List<Diagnostic> diagnostics) {
        PermissionRequest request = PermissionRequest.resolve(manifest, settings.settings(), config);
        diagnostics.addAll(request.diagnostics());
        if (request.failure() != null) {
            return new Pending(PluginState.FAILED, request.failure(), settings, null);
        }
        Standing standing = Standing.of(manifest.id(), manifest.version().text(), request.permissions(), approvals);
        if (!standing.runnable()) {
            String more = standing.status() == Standing.Status.CHANGED
                    ? "asks for more than was approved for "
                            + manifest.version().text() + ": "
                    : "asks for ";
            return new Pending(
                    PluginState.AWAITING_APPROVAL,
                    more + PermissionText.summary(standing.pending()) + "; run `pincer plugins approve " + manifest.id()
                            + "` to review and approve",
                    settings,
                    standing);
        }
        if (standing.status() == Standing.Status.PARTIAL) {
            diagnostics.add(Diagnostic.warning(
                    "permissions.pending",
                    manifest.id(),
                    plugin.manifestFile(),
                    "plugin '" + manifest.id() + "' " + manifest.version().text() + " asks for more than version "
                            + standing.basis().version() + " was granted: "
                            + PermissionText.summary(standing.pending())
                            + "; it runs with the earlier grant and the new permissions are denied",
                    "run `pincer plugins approve " + manifest.id() + "` to review the difference"));
        }
        return new Pending(null, decision.reason(), settings, standing);
    }

    private static Candidate candidate(DiscoveredPlugin plugin, PluginManifest manifest) {
        return new Candidate(
                manifest.id(), manifest.version(), manifest.hostRange(), manifest.dependencies(), plugin.directory());
    }

    private static Map<String, List<Candidate>> shadowedCandidates(DiscoveryResult found) {
        Map<String, List<Candidate>> out = new HashMap<>();
        found.shadowed()
                .forEach((id, copies) -> out.put(
                        id,
                        copies.stream()
                                .filter(c -> c.manifest().isPresent())
                                .map(c -> candidate(c, c.manifest().get()))
                                .toList()));
        return out;
    }

    private static CatalogEntry entry(
            DiscoveredPlugin plugin,
            Pending pending,
            Resolution resolution,
            DiscoveryResult found,
            Duration hookTimeout) {
        List<DiscoveredPlugin> shadowed = found.shadowedCopies(plugin.id());
        if (pending.state() != null) {
            PluginSettings.Result held = pending.settings();
            return new CatalogEntry(
                    plugin,
                    pending.state(),
                    pending.reason(),
                    shadowed,
                    List.of(),
                    held == null ? null : held.settings(),
                    held == null ? null : held.display(),
                    hookTimeout,
                    pending.standing());
        }
        Resolution.Outcome outcome = resolution.outcomes().get(plugin.id());
        PluginState state = outcome.resolved() ? PluginState.RESOLVED : PluginState.FAILED;
        String reason = outcome.resolved() ? pending.reason() : outcome.reason();
        PluginSettings.Result settings = pending.settings();
        return new CatalogEntry(
                plugin,
                state,
                reason,
                shadowed,
                outcome.requirements(),
                settings.settings(),
                settings.display(),
                hookTimeout,
                pending.standing());
    }

    /**
     * A plugin's state before resolution: {@code state} set when it is already decided, otherwise
     * {@code settings} holds its valid settings and {@code standing} its permissions.
     */
    private record Pending(PluginState state, String reason, PluginSettings.Result settings, Standing standing) {}
}
