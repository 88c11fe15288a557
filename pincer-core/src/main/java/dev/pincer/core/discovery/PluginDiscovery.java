package dev.pincer.core.discovery;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.ManifestFormat;
import dev.pincer.core.manifest.ManifestReadResult;
import dev.pincer.core.manifest.ManifestReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds plugin folders in ordered roots and reads their manifests, without running plugin code.
 *
 * <p>A folder whose real location lies outside its root (through a symbolic link) is refused,
 * unless it is a link in the home root that {@code pincer plugins install --link} made and listed
 * in {@link LinkedPlugins}.
 * When two roots hold the same id, the higher-ranked copy wins and the other is reported as
 * shadowed. Unreadable folders and broken manifests are diagnostics, never exceptions. Manifests
 * are read in parallel. Thread-safe.
 *
 * @since 0.1.0
 */
public final class PluginDiscovery {

    private final ManifestReader reader;

    /** Creates a discovery that reads manifests with {@code reader}. */
    public PluginDiscovery(ManifestReader reader) {
        this.reader = reader;
    }

    /** Returns every plugin found in {@code roots}; the order of roots does not matter, ranks do. */
    public DiscoveryResult discover(List<PluginRoot> roots) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (PluginRoot root : roots) {
            new RootScan(root, diagnostics, candidates).scan();
        }
        List<DiscoveredPlugin> found =
                candidates.parallelStream().map(this::read).toList();
        found.forEach(p -> diagnostics.addAll(p.read().diagnostics()));
        return Shadowing.resolve(found, diagnostics);
    }

    private DiscoveredPlugin read(Candidate candidate) {
        ManifestReadResult read = reader.read(candidate.manifestFile());
        String id = read.declaredId() != null
                ? read.declaredId()
                : candidate.directory().getFileName().toString();
        List<Diagnostic> diagnostics =
                new ArrayList<>(read.diagnostics().size() + candidate.extra().size());
        diagnostics.addAll(candidate.extra());
        read.diagnostics().forEach(d -> diagnostics.add(d.pluginId() == null ? d.withPluginId(id) : d));
        ManifestReadResult withIds = new ManifestReadResult(read.manifest(), read.declaredId(), diagnostics);
        return new DiscoveredPlugin(id, candidate.root(), candidate.directory(), candidate.manifestFile(), withIds);
    }

    /** A folder with a manifest, not yet read. */
    private record Candidate(PluginRoot root, Path directory, Path manifestFile, List<Diagnostic> extra) {}

    /** Lists one root; not thread-safe. */
    private static final class RootScan {
        private final PluginRoot root;
        private final List<Diagnostic> diagnostics;
        private final List<Candidate> candidates;
        private final Map<String, Path> links;

        RootScan(PluginRoot root, List<Diagnostic> diagnostics, List<Candidate> candidates) {
            this.root = root;
            this.diagnostics = diagnostics;
            this.candidates = candidates;
            this.links = root.kind() == RootKind.HOME ? LinkedPlugins.read(root.path()) : Map.of();
        }

        void scan() {
            Path path = root.path();
            if (!Files.exists(path)) {
                if (root.kind() == RootKind.CONFIG) {
                    diagnostics.add(Diagnostic.warning(
                            "discovery.missing-root",
                            null,
                            path,
                            "plugin path " + path + " does not exist",
                            "fix or remove it in " + root.origin()));
                }
                return;
            }
            if (!Files.isDirectory(path)) {
                diagnostics.add(Diagnostic.error(
                        "discovery.not-a-folder",
                        null,
                        path,
                        "plugin path " + path + " is not a folder",
                        "name a folder in " + root.origin()));
                return;
            }
            Path realRoot;
            try {
                realRoot = path.toRealPath();
            } catch (IOException e) {
                unreadable(path, e);
                return;
            }
            if (root.kind() == RootKind.CONFIG
                    && manifestIn(path, new ArrayList<>()).isPresent()) {
                consider(path, realRoot.getParent() == null ? realRoot : realRoot.getParent());
                return;
            }
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
                stream.forEach(children::add);
            } catch (IOException e) {
                unreadable(path, e);
                return;
            }
            children.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path child : children) {
                if (!child.getFileName().toString().startsWith(".") && Files.isDirectory(child)) {
                    consider(child, realRoot);
                }
            }
        }

        private void consider(Path folder, Path realRoot) {
            Path real;
            try {
                real = folder.toRealPath();
            } catch (IOException e) {
                unreadable(folder, e);
                return;
            }
            if (!real.startsWith(realRoot) && !LinkedPlugins.allows(links, folder, real)) {
                diagnostics.add(Diagnostic.error(
                        "discovery.symlink-escape",
                        null,
                        folder,
                        folder + " is a link to " + real + ", outside the " + root.describe() + "; it was skipped",
                        "move the plugin into the root, or add its real folder to [plugins] paths in config"));
                return;
            }
            List<Diagnostic> extra = new ArrayList<>();
            Optional<Path> manifest = manifestIn(folder, extra);
            if (manifest.isEmpty()) {
                diagnostics.add(Diagnostic.warning(
                        "discovery.no-manifest",
                        null,
                        folder,
                        "folder " + folder + " in the " + root.describe() + " has no pincer-plugin.json or"
                                + " pincer-plugin.toml; it was skipped",
                        "add a manifest (`pincer plugins create` writes one) or move the folder out of the root"));
                return;
            }
            Path file = manifest.get();
            if (Files.isSymbolicLink(file) && !linkStaysInside(file, real)) {
                diagnostics.add(Diagnostic.error(
                        "discovery.symlink-escape",
                        null,
                        file,
                        "manifest " + file + " links outside its plugin folder; it was skipped",
                        "replace the link with the manifest itself"));
                return;
            }
            candidates.add(new Candidate(root, folder, file, extra));
        }

        private static boolean linkStaysInside(Path file, Path realFolder) {
            try {
                return file.toRealPath().startsWith(realFolder);
            } catch (IOException e) {
                return false;
            }
        }

        private Optional<Path> manifestIn(Path folder, List<Diagnostic> extra) {
            Path json = folder.resolve(ManifestFormat.JSON.fileName());
            Path toml = folder.resolve(ManifestFormat.TOML.fileName());
            boolean hasJson = Files.exists(json, LinkOption.NOFOLLOW_LINKS);
            boolean hasToml = Files.exists(toml, LinkOption.NOFOLLOW_LINKS);
            if (hasJson && hasToml) {
                extra.add(Diagnostic.warning(
                        "discovery.two-manifests",
                        null,
                        toml,
                        folder + " has both pincer-plugin.json and pincer-plugin.toml; the JSON one is used",
                        "delete one of them"));
            }
            return hasJson ? Optional.of(json) : hasToml ? Optional.of(toml) : Optional.empty();
        }

        private void unreadable(Path path, IOException e) {
            String why =
                    e instanceof NoSuchFileException ? "it vanished while being read" : String.valueOf(e.getMessage());
            diagnostics.add(Diagnostic.error(
                    "discovery.unreadable",
                    null,
                    path,
                    "cannot read " + path + " in the " + root.describe() + ": " + why,
                    "check that the folder exists and that Pincer may read it"));
        }
    }

    /** Picks the winning copy of each id; stateless. */
    private static final class Shadowing {
        private Shadowing() {}

        static DiscoveryResult resolve(List<DiscoveredPlugin> found, List<Diagnostic> diagnostics) {
            Map<String, List<DiscoveredPlugin>> byId = new HashMap<>();
            for (DiscoveredPlugin plugin : found) {
                byId.computeIfAbsent(plugin.id(), k -> new ArrayList<>()).add(plugin);
            }
            List<DiscoveredPlugin> winners = new ArrayList<>();
            Map<String, List<DiscoveredPlugin>> shadowed = new HashMap<>();
            for (Map.Entry<String, List<DiscoveredPlugin>> entry : byId.entrySet()) {
                List<DiscoveredPlugin> copies = entry.getValue();
                // Highest rank first; within one root, the first folder by name.
                copies.sort(Comparator.comparingInt(
                                (DiscoveredPlugin p) -> -p.root().rank())
                        .thenComparing(p -> p.directory().toString()));
                DiscoveredPlugin winner = copies.get(0);
                winners.add(winner);
                List<DiscoveredPlugin> losers = copies.subList(1, copies.size());
                if (!losers.isEmpty()) {
                    shadowed.put(entry.getKey(), List.copyOf(losers));
                }
                for (DiscoveredPlugin loser : losers) {
                    diagnostics.add(describe(winner, loser));
                }
            }
            winners.sort(Comparator.comparing(DiscoveredPlugin::id));
            return new DiscoveryResult(winners, shadowed, diagnostics);
        }

        private static Diagnostic describe(DiscoveredPlugin winner, DiscoveredPlugin loser) {
            String id = winner.id();
            if (winner.root().rank() == loser.root().rank()) {
                return Diagnostic.error(
                        "discovery.duplicate-id",
                        id,
                        loser.directory(),
                        "plugin id '" + id + "' is declared twice in the "
                                + winner.root().describe() + ": " + winner.directory() + " is used, "
                                + loser.directory() + " is ignored",
                        "give each plugin its own id, or remove one copy");
            }
            String message = "plugin '" + id + "' " + loser.versionText() + " at " + loser.directory() + " ("
                    + loser.root().kind().label() + ") is shadowed by " + winner.versionText() + " at "
                    + winner.directory() + " (" + winner.root().kind().label() + ")";
            boolean olderWins = winner.manifest().isPresent()
                    && loser.manifest().isPresent()
                    && winner.manifest()
                                    .get()
                                    .version()
                                    .compareTo(loser.manifest().get().version())
                            < 0;
            return olderWins
                    ? Diagnostic.warning(
                            "discovery.shadowed",
                            id,
                            loser.directory(),
                            message + ", an older version",
                            "remove " + winner.directory() + " to use the newer copy")
                    : Diagnostic.info(
                            "discovery.shadowed",
                            id,
                            loser.directory(),
                            message,
                            "nothing to do if the override is intended; otherwise remove one copy");
        }
    }
}
