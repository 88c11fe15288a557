package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.manifest.SemanticVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A plugin index: a JSON document listing plugins, their versions, download locations and
 * SHA-256 digests.
 *
 * <p>The format, schema 1:
 *
 * <pre>{@code
 * {"schema": 1, "plugins": [
 *   {"id": "hello", "name": "Hello", "description": "Says hello",
 *    "versions": [
 *      {"version": "1.2.0", "url": "hello-1.2.0.zip", "sha256": "<64 hex digits>", "pincer": ">=0.1.0"}]}]}
 * }</pre>
 *
 * <ul>
 *   <li>{@code schema} must be {@code 1}; {@code plugins} is an array.
 *   <li>{@code id} follows the manifest's rule (2 to 64 lower-case letters and digits separated by
 *       single {@code -}, {@code _} or {@code .}, starting with a letter) and appears once;
 *       {@code name} and {@code description} are optional strings.
 *   <li>{@code versions} is a non-empty array; each {@code version} is a semantic version listed
 *       once, {@code url} locates a {@code .zip}, {@code .jar}, {@code .tar.gz} or {@code .tgz}
 *       archive (absolute, or relative to the index: a path next to an index file, or a URL
 *       resolved against an index URL; an index read over http(s) may only point at http(s)),
 *       {@code sha256} is the archive's SHA-256 in hex, and the optional {@code pincer} is the
 *       range of Pincer versions it supports.
 *   <li>Other fields are ignored, so later schema additions do not break older readers.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param location the file or URL it was read from
 * @param entries every listed version
 * @since 0.1.0
 */
public record PluginIndex(String location, List<IndexEntry> entries) {

    public PluginIndex {
        Objects.requireNonNull(location, "location");
        entries = List.copyOf(entries);
    }

    /**
     * Reads the index at {@code location}: a file path, a {@code file:} URL or an {@code http(s)}
     * URL, validating it whole.
     *
     * @throws PincerException naming the location and what is wrong with it
     */
    public static PluginIndex load(String location, InstallLimits limits, Progress progress) {
        return load(location, limits, progress, Downloads.defaults());
    }

    /**
     * Reads the index at {@code location} like {@link #load(String, InstallLimits, Progress)},
     * downloading with {@code downloads}.
     *
     * @throws PincerException naming the location and what is wrong with it
     */
    public static PluginIndex load(String location, InstallLimits limits, Progress progress, Downloads downloads) {
        if (isUrl(location)) {
            URI uri;
            try {
                uri = URI.create(location);
            } catch (IllegalArgumentException e) {
                throw new PincerException(
                        "install.index-missing",
                        null,
                        null,
                        "'" + location + "' is not a valid plugin index URL: " + e.getMessage(),
                        "check the index location in the config; spaces must be written %20");
            }
            byte[] bytes = downloads.toBytes(uri, Math.min(limits.maxDownloadBytes(), IndexParser.MAX_BYTES), progress);
            return IndexParser.parse(bytes, location);
        }
        Path file = file(location);
        try {
            if (!Files.isRegularFile(file)) {
                throw new PincerException(
                        "install.index-missing",
                        null,
                        file,
                        "plugin index " + file + " does not exist or is not a file",
                        "check the index location in the config, or remove it");
            }
            if (Files.size(file) > IndexParser.MAX_BYTES) {
                throw new PincerException(
                        "install.index-invalid",
                        null,
                        file,
                        "plugin index " + file + " is larger than " + IndexParser.MAX_BYTES + " bytes",
                        "split the index, or check that the location names an index");
            }
            return IndexParser.parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new PincerException(
                    "install.index-missing",
                    null,
                    file,
                    "could not read plugin index " + file + ": " + e,
                    "check that the file is readable");
        }
    }

    /**
     * Returns the newest version of each plugin whose id, name or description contains {@code
     * query} ignoring case, sorted by id; an empty query matches every plugin.
     */
    public List<IndexEntry> search(String query) {
        String needle = query.toLowerCase(Locale.ROOT);
        return entries.stream()
                .map(IndexEntry::id)
                .distinct()
                .sorted()
                .map(id -> newest(id).orElseThrow())
                .filter(e ->
                        contains(e.id(), needle) || contains(e.name(), needle) || contains(e.description(), needle))
                .toList();
    }

    /**
     * Returns the newest listed version of plugin {@code id}: the highest release, or the highest
     * pre-release when only pre-releases are listed.
     */
    public Optional<IndexEntry> newest(String id) {
        Comparator<IndexEntry> order = Comparator.comparing((IndexEntry e) -> !isPrerelease(e))
                .thenComparing(e -> SemanticVersion.of(e.version()));
        return versions(id).stream().max(order);
    }

    /**
     * Returns the newest listed version of plugin {@code id} whose {@code pincer} range admits
     * {@code host} (an entry without a range admits any).
     */
    public Optional<IndexEntry> newest(String id, SemanticVersion host) {
        Comparator<IndexEntry> order = Comparator.comparing((IndexEntry e) -> !isPrerelease(e))
                .thenComparing(e -> SemanticVersion.of(e.version()));
        return versions(id).stream().filter(e -> supports(e, host)).max(order);
    }

    /** Returns whether {@code entry} says it runs on Pincer {@code host}. */
    public static boolean supports(IndexEntry entry, SemanticVersion host) {
        return entry.pincer() == null
                || dev.pincer.core.manifest.VersionRange.parse(entry.pincer())
                        .map(r -> r.includes(host))
                        .orElse(false);
    }

    /** Returns the entry of plugin {@code id} at exactly {@code version}. */
    public Optional<IndexEntry> find(String id, String version) {
        return versions(id).stream().filter(e -> e.version().equals(version)).findFirst();
    }

    /** Returns every listed version of plugin {@code id}, oldest first. */
    public List<IndexEntry> versions(String id) {
        return entries.stream()
                .filter(e -> e.id().equals(id))
                .collect(Collectors.toMap(
                        e -> SemanticVersion.of(e.version()), Function.identity(), (a, b) -> a, TreeMap::new))
                .values()
                .stream()
                .toList();
    }

    /**
     * Returns where {@code entry}'s archive is fetched from: its {@code url} resolved against this
     * index's location, as an {@code http(s)} or {@code file} URI.
     *
     * @throws PincerException when the URL is malformed, or an index read over http(s) points at
     *     anything but http(s)
     */
    public URI archive(IndexEntry entry) {
        String url = entry.url();
        try {
            if (isUrl(location)) {
                URI resolved = URI.create(location).resolve(url.replace(" ", "%20"));
                if (!Downloads.isHttp(resolved)) {
                    throw badUrl(entry, "an index read over http(s) may only point at http(s) URLs");
                }
                return resolved;
            }
            if (isUrl(url)) {
                return URI.create(url);
            }
            if (url.regionMatches(true, 0, "file:", 0, 5)) {
                return Path.of(URI.create(url)).toUri();
            }
            return Path.of(location).resolveSibling(url).normalize().toUri();
        } catch (IllegalArgumentException e) {
            throw badUrl(entry, e.getMessage());
        }
    }

    private PincerException badUrl(IndexEntry entry, String why) {
        return new PincerException(
                "install.index-invalid",
                entry.id(),
                null,
                "plugin index " + location + " gives plugin '" + entry.id() + "' " + entry.version() + " the url '"
                        + entry.url() + "', which cannot be used: " + why,
                "fix the url in the index, or ask its publisher to");
    }

    static boolean isUrl(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static Path file(String location) {
        try {
            if (location.regionMatches(true, 0, "file:", 0, 5)) {
                return Path.of(URI.create(location));
            }
            return Path.of(location).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw new PincerException(
                    "install.index-missing",
                    null,
                    null,
                    "'" + location + "' is not a plugin index location: " + e.getMessage(),
                    "give an index as a file path or an http(s) URL");
        }
    }

    private static boolean isPrerelease(IndexEntry entry) {
        return !SemanticVersion.of(entry.version()).semver().getPreRelease().isEmpty();
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
