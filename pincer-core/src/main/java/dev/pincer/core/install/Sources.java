package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.manifest.SemanticVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches what a {@link SourceRequest} names into a staging folder.
 *
 * <p>The kind of source is decided from its text, in this order:
 *
 * <ol>
 *   <li>a git URL: {@code git+<url>}, {@code ssh://…}, {@code git://…}, {@code user@host:path},
 *       {@code http(s)://…/x.git}, a {@code file:} URL that does not end like an archive, or an
 *       existing local folder whose name ends in {@code .git}: cloned by JGit ({@link
 *       Fetched.Kind#GIT});
 *   <li>an {@code http(s)} URL ending in {@code .zip}, {@code .jar}, {@code .tar.gz} or {@code
 *       .tgz}, or a {@code file:} URL or existing file with such a name: downloaded or copied,
 *       checked by its first bytes, and unpacked by {@link Archives} ({@link Fetched.Kind#ARCHIVE});
 *   <li>an existing folder: copied by {@link FolderCopy} ({@link Fetched.Kind#FOLDER}), or with
 *       {@link SourceRequest#link()} used in place ({@link Fetched.Kind#LINK});
 *   <li>a plugin id, or {@code id@version}: looked up in the configured indexes in order (the first
 *       index listing the id is used; its newest version when none is given), downloaded, its
 *       SHA-256 verified, and unpacked ({@link Fetched.Kind#INDEX}).
 * </ol>
 *
 * <p>The plugin folder is the fetched folder, or its single top-level sub-folder when only that
 * holds the manifest. When fetching fails, what it wrote into the staging folder is deleted.
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Sources {

    private static final Pattern INDEX_ENTRY =
            Pattern.compile("(?<id>" + IndexParser.ID.pattern() + ")(?:@(?<version>.+))?");
    private static final Pattern OTHER_URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");
    /** The sources other than index entries, for hints. */
    static final String ACCEPTED_DIRECT = "give a plugin folder; an archive (" + ArchiveFormat.allSuffixes()
            + ") as a path or http(s) URL; or a git URL (https://host/x.git, git+https://…, ssh://…,"
            + " git@host:path, file://…) with an optional --ref";

    private static final String ACCEPTED = ACCEPTED_DIRECT.replace("; or a git URL", "; a git URL")
            + "; or a plugin id from a configured index (id or id@version)";

    private Sources() {}

    /**
     * Fetches {@code request} into {@code staging} (an empty folder the caller owns and deletes)
     * with the default download timeouts.
     *
     * @throws PincerException saying what was wrong with the source and what to do
     */
    public static Fetched fetch(SourceRequest request, Path staging, InstallLimits limits, Progress progress) {
        return fetch(request, staging, limits, progress, Downloads.defaults());
    }

    /**
     * Fetches {@code request} into {@code staging} (an empty folder the caller owns and deletes),
     * downloading with {@code downloads}.
     *
     * @throws PincerException saying what was wrong with the source and what to do
     */
    public static Fetched fetch(
            SourceRequest request, Path staging, InstallLimits limits, Progress progress, Downloads downloads) {
        Fetch fetch = new Fetch(request, staging, limits, progress, downloads);
        try {
            Files.createDirectories(staging);
            return fetch.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the staging folder " + staging, e);
        } catch (RuntimeException e) {
            fetch.cleanUp(e);
            throw e;
        }
    }

    /** One fetch: the request and where it goes. */
    private record Fetch(
            SourceRequest request, Path staging, InstallLimits limits, Progress progress, Downloads downloads) {

        Fetched run() {
            String source = request.source().strip();
            String lower = source.toLowerCase(Locale.ROOT);
            if (lower.startsWith("git+")) {
                return git(source.substring(4), source);
            }
            if (lower.startsWith("ssh://")
                    || lower.startsWith("git://")
                    || SCP_LIKE.matcher(source).matches()) {
                return git(source, source);
            }
            if (lower.startsWith("file:")) {
                Path file = filePath(source);
                return ArchiveFormat.byName(source).isPresent() ? localArchive(file) : git(source, source);
            }
            if (PluginIndex.isUrl(source)) {
                return url(source);
            }
            if (OTHER_URL.matcher(source).lookingAt()) {
                throw new PincerException(
                        "install.source-unknown",
                        null,
                        null,
                        "'" + source + "' uses a URL scheme Pincer does not fetch plugins from",
                        ACCEPTED);
            }
            Optional<Path> path = path(source);
            if (path.isPresent() && Files.isDirectory(path.get())) {
                return path.get().getFileName().toString().endsWith(".git")
                        ? git(path.get().toUri().toString(), source)
                        : folder(path.get());
            }
            if (path.isPresent() && Files.isRegularFile(path.get())) {
                return localArchive(path.get());
            }
            Matcher entry = INDEX_ENTRY.matcher(source);
            if (entry.matches() && ArchiveFormat.byName(source).isEmpty()) {
                return index(entry.group("id"), entry.group("version"));
            }
            if (path.isPresent()
                    && (source.contains("/")
                            || source.contains("\\")
                            || source.startsWith(".")
                            || ArchiveFormat.byName(source).isPresent())) {
                throw new PincerException(
                        "install.source-missing",
                        null,
                        path.get(),
                        "plugin source '" + source + "' does not exist",
                        "check the path; " + ACCEPTED);
            }
            throw new PincerException(
                    "install.source-unknown",
                    null,
                    null,
                    "'" + source + "' is not a plugin source Pincer understands",
                    ACCEPTED);
        }

        private Fetched folder(Path folder) {
            refuseRef("a folder");
            Path real = realPath(folder);
            if (request.link()) {
                return new Fetched(
                        PluginFolder.locate(real, request.source()), Fetched.Kind.LINK, real.toString(), null, null);
            }
            Path target = staging.resolve("plugin");
            FolderCopy.copy(real, target, limits, progress);
            return new Fetched(
                    PluginFolder.locate(target, request.source()), Fetched.Kind.FOLDER, real.toString(), null, null);
        }

        private Fetched git(String url, String source) {
            refuseLink("a git repository");
            return GitSource.fetch(url, source, request.ref(), staging, limits, progress, downloads.readTimeout());
        }

        private Fetched url(String source) {
            URI uri = uri(source);
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (path.endsWith(".git") || path.endsWith(".git/")) {
                return git(source, source);
            }
            Optional<ArchiveFormat> format = ArchiveFormat.byName(path);
            if (format.isEmpty()) {
                throw new PincerException(
                        "install.source-unknown",
                        null,
                        null,
                        "URL '" + source + "' names neither an archive (" + ArchiveFormat.allSuffixes()
                                + ") nor a git repository (.git)",
                        "for a git repository use git+" + source + "; for an archive use a URL whose path ends"
                                + " in its file name");
            }
            refuseLink("an archive");
            refuseRef("an archive");
            Path file = downloadFolder().resolve(fileName(path));
            String digest = downloads.toFile(uri, file, limits.maxDownloadBytes(), progress);
            return unpack(file, format.get(), Fetched.Kind.ARCHIVE, source, digest);
        }

        private Fetched localArchive(Path archive) {
            refuseLink("an archive");
            refuseRef("an archive");
            Path real = realPath(archive);
            ArchiveFormat format = ArchiveFormat.byName(real.getFileName().toString())
                    .orElseThrow(() -> new PincerException(
                            "install.source-unknown",
                            null,
                            real,
                            "file " + real + " is not a plugin archive: its name does not end in "
                                    + ArchiveFormat.allSuffixes(),
                            "rename it if it is one of these archives; " + ACCEPTED));
            Path copy = downloadFolder().resolve(real.getFileName().toString());
            String digest = Downloads.copy(real, copy, limits.maxDownloadBytes());
            return unpack(copy, format, Fetched.Kind.ARCHIVE, real.toString(), digest);
        }

        private Fetched index(String id, String version) {
            refuseLink("a plugin index entry");
            refuseRef("a plugin index entry");
            if (version != null && SemanticVersion.parse(version).isEmpty()) {
                throw new PincerException(
                        "install.source-unknown",
                        id,
                        null,
                        "'" + version + "' in '" + request.source() + "' is not a semantic version",
                        "write id@version with a version like 1.2.0, or the id alone for the newest");
            }
            IndexChoice choice =
                    IndexChoice.choose(request.indexes(), id, version, request.host(), limits, progress, downloads);
            IndexEntry entry = choice.entry();
            URI uri = choice.index().archive(entry);
            String name = fileName(uri.getPath() == null ? entry.id() : uri.getPath());
            Path file = downloadFolder().resolve(name.isEmpty() ? entry.id() : name);
            String digest = Downloads.isHttp(uri)
                    ? downloads.toFile(uri, file, limits.maxDownloadBytes(), progress)
                    : Downloads.copy(Path.of(uri), file, limits.maxDownloadBytes());
            if (!digest.equals(entry.sha256())) {
                deleteQuietly(file);
                throw new PincerException(
                        "install.digest-mismatch",
                        id,
                        null,
                        "the archive of " + id + " " + entry.version() + " downloaded from " + uri + " has SHA-256 "
                                + digest + ", but index " + entry.index() + " lists " + entry.sha256(),
                        "nothing was installed; the archive may have been tampered with or the index is out of"
                                + " date: tell the index's publisher");
            }
            ArchiveFormat format =
                    ArchiveFormat.byName(name).orElseGet(() -> magic(file).orElse(ArchiveFormat.ZIP));
            String source = id + "@" + entry.version() + " from " + entry.index();
            return unpack(file, format, Fetched.Kind.INDEX, source, digest);
        }

        private Fetched unpack(Path archive, ArchiveFormat format, Fetched.Kind kind, String source, String digest) {
            Optional<ArchiveFormat> actual = magic(archive);
            if (actual.isEmpty() || actual.get() != format) {
                throw new PincerException(
                        "install.archive-type",
                        null,
                        archive,
                        "'" + source + "' is named like a " + format.suffixes() + " archive, but its content "
                                + actual.map(a -> "is a " + a.suffixes() + " archive")
                                        .orElse("is not an archive"),
                        "check that the file is the plugin archive and its name ends in the right extension");
            }
            Path target = staging.resolve("plugin");
            Archives.unpack(archive, format, target, limits, progress);
            deleteQuietly(archive);
            deleteQuietly(archive.getParent());
            return new Fetched(PluginFolder.locate(target, request.source()), kind, source, digest, null);
        }

        private Path downloadFolder() {
            Path folder = staging.resolve("download");
            try {
                return Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create " + folder, e);
            }
        }

        private void refuseLink(String what) {
            if (request.link()) {
                throw new PincerException(
                        "install.source-option",
                        null,
                        null,
                        "--link works only with a plugin folder, and '" + request.source() + "' is " + what,
                        "drop --link, or give the folder of the plugin");
            }
        }

        private void refuseRef(String what) {
            if (request.ref() != null) {
                throw new PincerException(
                        "install.source-option",
                        null,
                        null,
                        "--ref works only with a git repository, and '" + request.source() + "' is " + what,
                        "drop --ref, or give a git URL (https://host/x.git or git+https://…)");
            }
        }

        /** Deletes what this fetch wrote into the staging folder, keeping what the caller put there. */
        void cleanUp(RuntimeException failure) {
            for (String made : List.of("plugin", "download", "clone")) {
                try {
                    Trees.delete(staging.resolve(made));
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    private static Optional<ArchiveFormat> magic(Path file) {
        try {
            return ArchiveFormat.byMagic(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static URI uri(String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new PincerException(
                    "install.source-unknown",
                    null,
                    null,
                    "'" + text + "' is not a valid URL: " + e.getMessage(),
                    "check the URL; characters such as spaces must be percent-encoded (%20)");
        }
    }

    private static Path filePath(String url) {
        try {
            return Path.of(uri(url));
        } catch (IllegalArgumentException e) {
            throw new PincerException(
                    "install.source-unknown",
                    null,
                    null,
                    "'" + url + "' is not a usable file URL: " + e.getMessage(),
                    "write it as file:///absolute/path, or give the path itself");
        }
    }

    private static Optional<Path> path(String text) {
        try {
            return Optional.of(Path.of(text).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new PincerException(
                    "install.source-missing",
                    null,
                    path,
                    "plugin source " + path + " cannot be read: " + e,
                    "check the path and its permissions");
        }
    }

    private static String fileName(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Deletes {@code file}, or the folder when it is empty. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The caller deletes the whole staging folder; a leftover download here harms nothing.
        }
    }
}
