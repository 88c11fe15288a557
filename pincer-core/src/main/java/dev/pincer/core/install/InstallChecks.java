package dev.pincer.core.install;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.discovery.DiscoveredPlugin;
import dev.pincer.core.discovery.RootKind;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.ManifestFormat;
import dev.pincer.core.manifest.ManifestReadResult;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.permissions.ApprovalBook;
import dev.pincer.core.permissions.PermissionRequest;
import dev.pincer.core.permissions.Standing;
import dev.pincer.core.resolve.Candidate;
import dev.pincer.core.resolve.DependencyResolver;
import dev.pincer.core.resolve.Resolution;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a fetched plugin before anything is placed: its manifest, the Pincer versions it supports,
 * its dependencies against what is installed, and copies of its id already installed.
 *
 * <p>Stateless apart from its collaborators; one per install.
 */
final class InstallChecks {

    private final ManifestReader reader;
    private final Catalog catalog;
    private final ApprovalBook approvals;
    private final InstallRecords records;
    private final Map<String, String> env;

    InstallChecks(
            ManifestReader reader,
            Catalog catalog,
            ApprovalBook approvals,
            InstallRecords records,
            Map<String, String> env) {
        this.reader = reader;
        this.catalog = catalog;
        this.approvals = approvals;
        this.records = records;
        this.env = env;
    }

    /**
     * Returns what the checks found about the plugin in {@code folder}, to be placed at {@code
     * target}.
     *
     * @throws PincerException {@code install.invalid-manifest}, {@code install.host-version},
     *     {@code install.dependencies}, {@code install.already-installed} or {@code
     *     install.target-taken}, saying what is wrong and what to do
     */
    InstallPlan.Checked check(Fetched fetched, Path pluginsRoot, Installer.Existing existing) {
        PluginManifest manifest = manifest(fetched);
        String id = manifest.id();
        manifest.hostRangeIfAny()
                .filter(range -> !range.includes(catalog.hostVersion()))
                .ifPresent(range -> {
                    throw new PincerException(
                            "install.host-version",
                            id,
                            null,
                            "'" + id + "' " + manifest.version() + " requires Pincer " + range + ", but this is"
                                    + " Pincer " + catalog.hostVersion() + "; nothing was installed",
                            "install a version of '" + id + "' made for Pincer " + catalog.hostVersion());
                });
        Path target = pluginsRoot.resolve(id);
        InstallPlan.Previous previous = previous(id, target, existing, fetched);
        dependencies(manifest, target);
        List<String> warnings = otherCopies(id);
        PermissionRequest request = PermissionRequest.of(manifest, catalog.config(), env);
        if (request.failure() != null) {
            warnings.add("its permissions come from its settings, which cannot be worked out yet ("
                    + request.failure() + "); it waits for them, and `pincer plugins approve " + id
                    + "` asks once they are set");
            return new InstallPlan.Checked(manifest, null, null, previous, warnings);
        }
        Standing standing = Standing.of(id, manifest.version().text(), request.permissions(), approvals);
        return new InstallPlan.Checked(manifest, request.permissions(), standing, previous, warnings);
    }

    private PluginManifest manifest(Fetched fetched) {
        Path folder = fetched.folder();
        Optional<Path> file = Stream.of(ManifestFormat.JSON, ManifestFormat.TOML)
                .map(f -> folder.resolve(f.fileName()))
                .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .findFirst();
        if (file.isEmpty()) {
            throw new PincerException(
                    "install.no-manifest",
                    null,
                    null,
                    fetched.source() + " holds no pincer-plugin.json or pincer-plugin.toml at its top level, so it"
                            + " is not a plugin; nothing was installed",
                    "point at the plugin's folder (the one with the manifest), or create one with"
                            + " `pincer plugins create`");
        }
        ManifestReadResult read = reader.read(file.get());
        List<Diagnostic> errors =
                read.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (read.manifestIfValid().isEmpty() || !errors.isEmpty()) {
            String problems = errors.stream()
                    .map(d -> source(fetched, d) + ": " + d.message())
                    .collect(Collectors.joining("; "));
            throw new PincerException(
                    "install.invalid-manifest",
                    read.declaredId(),
                    null,
                    "the manifest of " + fetched.source() + " is invalid, so nothing was installed: " + problems,
                    errors.isEmpty() ? null : errors.get(0).hint());
        }
        return read.manifestIfValid().get();
    }

    /** Returns the file a finding is about, named as in the source rather than in staging. */
    private static String source(Fetched fetched, Diagnostic d) {
        Path path = d.path();
        if (path == null) {
            return fetched.source();
        }
        return path.startsWith(fetched.folder())
                ? fetched.folder().relativize(path).toString()
                : path.toString();
    }

    private InstallPlan.Previous previous(String id, Path target, Installer.Existing existing, Fetched fetched) {
        Optional<CatalogEntry> entry = catalog.find(id);
        Optional<DiscoveredPlugin> home = entry.stream()
                .flatMap(e -> Stream.concat(Stream.of(e.plugin()), e.shadowed().stream()))
                .filter(p -> p.root().kind() == RootKind.HOME)
                .findFirst();
        Optional<InstallRecord> record = records.find(id);
        if (home.isEmpty()) {
            targetFree(id, target);
            return null;
        }
        DiscoveredPlugin copy = home.get();
        if (!copy.directory().equals(target)) {
            throw new PincerException(
                    "install.already-installed",
                    id,
                    copy.directory(),
                    "plugin '" + id + "' is already in the home plugin folder as " + copy.directory() + ", not as "
                            + target + "; nothing was installed",
                    "remove " + copy.directory() + " first, then install again");
        }
        if (existing == Installer.Existing.REFUSE) {
            String from = record.map(r -> ", installed from " + r.origin())
                    .orElse(", placed there by hand (not by `pincer plugins install`)");
            throw new PincerException(
                    "install.already-installed",
                    id,
                    copy.directory(),
                    "plugin '" + id + "' " + copy.versionText() + " is already installed at " + copy.directory() + from
                            + "; nothing was installed",
                    record.isPresent()
                            ? "`pincer plugins update " + id + "` fetches it again from there; pass --force to replace"
                                    + " it with " + fetched.source()
                            : "pass --force to replace it with " + fetched.source());
        }
        return new InstallPlan.Previous(copy.versionText(), copy.directory(), record.orElse(null));
    }

    private void targetFree(String id, Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Optional<CatalogEntry> holder =
                catalog.entries().stream().filter(e -> e.path().equals(target)).findFirst();
        throw new PincerException(
                "install.target-taken",
                id,
                target,
                target + " already exists"
                        + holder.map(h -> " and holds plugin '" + h.id() + "'")
                                .orElse(" and is not a plugin Pincer knows")
                        + ", so '" + id + "' cannot be placed there; nothing was installed",
                "move " + target + " away, then install again");
    }

    private void dependencies(PluginManifest manifest, Path target) {
        String id = manifest.id();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, String> unavailable = new HashMap<>();
        for (CatalogEntry e : catalog.entries()) {
            if (e.id().equals(id)) {
                continue;
            }
            if (e.manifest().isEmpty() || e.state() == PluginState.DISABLED || e.state() == PluginState.BLOCKED) {
                unavailable.put(e.id(), e.state().label() + " (" + e.reason() + ")");
            } else {
                PluginManifest m = e.manifest().get();
                candidates.add(new Candidate(m.id(), m.version(), null, m.dependencies(), e.path()));
            }
        }
        candidates.add(new Candidate(id, manifest.version(), null, manifest.dependencies(), target));
        Resolution resolution =
                new DependencyResolver(catalog.hostVersion()).resolve(candidates, unavailable, Map.of());
        Resolution.Outcome outcome = resolution.outcomes().get(id);
        if (outcome.resolved()) {
            return;
        }
        List<Diagnostic> own = resolution.diagnostics().stream()
                .filter(d -> id.equals(d.pluginId()) && d.isError())
                .toList();
        throw new PincerException(
                "install.dependencies",
                id,
                null,
                "the dependencies of '" + id + "' " + manifest.version() + " are not met, so nothing was installed: "
                        + (own.isEmpty()
                                ? outcome.reason()
                                : own.stream().map(Diagnostic::message).collect(Collectors.joining("; "))),
                own.isEmpty() ? null : own.get(0).hint());
    }

    /** Returns a warning for each copy of {@code id} in a root other than the home one. */
    private List<String> otherCopies(String id) {
        List<String> warnings = new ArrayList<>();
        Optional<CatalogEntry> entry = catalog.find(id);
        if (entry.isEmpty()) {
            return warnings;
        }
        List<DiscoveredPlugin> copies = new ArrayList<>();
        copies.add(entry.get().plugin());
        copies.addAll(entry.get().shadowed());
        for (DiscoveredPlugin copy : copies) {
            RootKind kind = copy.root().kind();
            if (kind == RootKind.HOME) {
                continue;
            }
            String wins = kind == RootKind.BUNDLED
                    ? "the installed copy wins over it"
                    : "that copy wins by precedence, so the installed one is shadowed until it is removed";
            warnings.add("'" + id + "' " + copy.versionText() + " is also in the " + kind.label() + " root at "
                    + copy.directory() + "; " + wins);
        }
        return warnings;
    }
}
