package dev.pincer.core.manifest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Holds one of the JSON Schemas Pincer publishes (plugin manifest, config file). It is compiled
 * on first use only: a run whose manifests are all in the validation cache never pays for it.
 *
 * <p>The schemas ship in the repository under {@code pincer-core/src/main/resources/dev/pincer/
 * core/}; editors can point {@code $schema} at them. Thread-safe.
 *
 * @since 0.1.0
 */
public final class PublishedSchema {

    /** The resource path of the manifest schema inside the pincer-core jar. */
    public static final String MANIFEST = "/dev/pincer/core/manifest/pincer-plugin.schema.json";

    private final JsonNode document;
    private final String digest;
    private volatile Schema compiled;

    private PublishedSchema(JsonNode document, String digest) {
        this.document = document;
        this.digest = digest;
    }

    /** Returns the manifest schema. */
    public static PublishedSchema manifest() {
        return load(MANIFEST);
    }

    /**
     * Returns a schema shipped as a resource of pincer-core.
     *
     * @throws IllegalStateException if the resource is missing (a broken build)
     */
    public static PublishedSchema load(String resource) {
        byte[] bytes;
        try (InputStream in = PublishedSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " missing from the pincer-core jar");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
        return new PublishedSchema(Formats.json().readTree(bytes), sha256(bytes));
    }

    /** Returns the schema document, for hints; do not modify it. */
    public JsonNode document() {
        return document;
    }

    /** Returns the SHA-256 of the schema as shipped, in hex. */
    public String digest() {
        return digest;
    }

    /** Returns every schema violation in {@code instance}. */
    public List<Error> validate(JsonNode instance) {
        return schema().validate(instance);
    }

    private Schema schema() {
        Schema schema = compiled;
        if (schema == null) {
            synchronized (this) {
                schema = compiled;
                if (schema == null) {
                    schema = JsonSchemas.registry()
                            .getSchema(SchemaLocation.of(document.path("$id").asString()), document);
                    schema.initializeValidators();
                    compiled = schema;
                }
            }
        }
        return schema;
    }

    /** Returns the SHA-256 of {@code bytes} in lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
