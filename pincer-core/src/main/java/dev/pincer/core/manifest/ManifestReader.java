package dev.pincer.core.manifest;

import dev.pincer.core.diagnostics.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads plugin manifests: parses JSON or TOML with bounded sizes, validates against the published
 * schema, runs the semantic checks and binds the result. Never runs plugin code and never throws
 * for bad input: every problem is a diagnostic.
 *
 * <p>Thread-safe: one reader may read many manifests in parallel.
 *
 * @since 0.1.0
 */
public final class ManifestReader {

    private final PublishedSchema schema;
    private final ValidationCache cache;
    private final SchemaFindings findings;
    private final ObjectMapper json = Formats.json();
    private final ObjectMapper toml = Formats.toml();

    /** Creates a reader that validates against {@code schema} and caches nothing. */
    public ManifestReader(PublishedSchema schema) {
        this(schema, ValidationCache.none());
    }

    private ManifestReader(PublishedSchema schema, ValidationCache cache) {
        this.schema = schema;
        this.cache = cache;
        this.findings = new SchemaFindings(schema.document(), "manifest");
    }

    /** Returns a reader for the published schema. */
    public static ManifestReader create() {
        return new ManifestReader(PublishedSchema.manifest());
    }

    /** Returns a reader like this one that skips validation of manifests {@code cache} knows clean. */
    public ManifestReader withCache(ValidationCache cache) {
        return new ManifestReader(schema, cache);
    }

    /** Returns a key naming what a clean validation depends on: the schema and this code's version. */
    public String cacheNamespace(SemanticVersion hostVersion) {
        return hostVersion + " " + schema.digest();
    }

    /**
     * Reads the manifest at {@code file}; its format comes from the file name.
     *
     * @throws IllegalArgumentException if {@code file} is not named like a manifest
     */
    public ManifestReadResult read(Path file) {
        ManifestFormat format = ManifestFormat.of(file)
                .orElseThrow(() -> new IllegalArgumentException(file + " is not named like a manifest"));
        byte[] content;
        try {
            content = readBounded(file);
        } catch (IOException e) {
            return failure(
                    null,
                    file,
                    "manifest.unreadable",
                    "cannot read the manifest: " + describe(e),
                    "check the file's permissions");
        }
        if (content == null) {
            return failure(
                    null,
                    file,
                    "manifest.too-large",
                    "the manifest is larger than " + Formats.MAX_DOCUMENT_BYTES / 1024 + " KiB",
                    "a manifest declares a plugin; large data belongs in the plugin folder");
        }
        return parse(content, format, file);
    }

    /** Reads a manifest from bytes; {@code file} is only used in diagnostics. */
    public ManifestReadResult parse(byte[] content, ManifestFormat format, Path file) {
        JsonNode document;
        try {
            document = (format == ManifestFormat.JSON ? json : toml).readTree(content);
        } catch (JacksonException e) {
            return failure(
                    null,
                    file,
                    "manifest.syntax",
                    "not valid " + format.name() + ": " + e.getOriginalMessage() + location(e),
                    "fix the syntax; `pincer plugins doctor` re-checks it");
        } catch (RuntimeException | StackOverflowError e) {
            // Parsers of untrusted input can fail in ways they don't declare; report, never crash.
            return failure(
                    null,
                    file,
                    "manifest.syntax",
                    "not valid " + format.name() + ": " + describe(e),
                    "fix the syntax; `pincer plugins doctor` re-checks it");
        }
        if (document != null && Formats.tooDeep(document)) {
            return failure(
                    null,
                    file,
                    "manifest.syntax",
                    "not valid " + format.name() + ": nesting deeper than " + Formats.MAX_NESTING
                            + " levels (dotted TOML keys count as levels)",
                    "a manifest declares a plugin; flatten the structure");
        }
        if (document == null || !document.isObject()) {
            return failure(
                    null,
                    file,
                    "manifest.syntax",
                    "the manifest must be an object with keys such as id, version" + " and runtime",
                    "see the manifest schema: " + PublishedSchema.MANIFEST);
        }
        String declaredId = document.path("id").isString() ? document.path("id").asString() : null;
        String digest = PublishedSchema.sha256(content);
        if (cache.isClean(digest)) {
            ManifestChecks trusted = ManifestChecks.trusting(declaredId, file);
            PluginManifest manifest = new ManifestBinder(trusted).bind(document);
            if (manifest != null && trusted.findings().isEmpty()) {
                return new ManifestReadResult(manifest, declaredId, List.of());
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>(findings.describe(schema.validate(document), declaredId, file));
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new ManifestReadResult(null, declaredId, diagnostics);
        }
        ManifestChecks checks = ManifestChecks.thorough(declaredId, file);
        PluginManifest manifest = new ManifestBinder(checks).bind(document);
        diagnostics.addAll(checks.findings());
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        if (diagnostics.isEmpty() && manifest != null) {
            cache.recordClean(digest);
        }
        return new ManifestReadResult(failed ? null : manifest, declaredId, diagnostics);
    }

    private static byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(Formats.MAX_DOCUMENT_BYTES + 1);
            return content.length > Formats.MAX_DOCUMENT_BYTES ? null : content;
        }
    }

    private static ManifestReadResult failure(String id, Path file, String code, String message, String hint) {
        return new ManifestReadResult(null, id, List.of(Diagnostic.error(code, id, file, message, hint)));
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
