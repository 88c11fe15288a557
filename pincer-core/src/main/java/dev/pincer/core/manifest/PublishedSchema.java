package dev.pincer.core.manifest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Holds one of the JSON Schemas Pincer publishes (plugin manifest, config file), compiled once.
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
    private final Schema schema;

    private PublishedSchema(JsonNode document, Schema schema) {
        this.document = document;
        this.schema = schema;
    }

    /** Returns the manifest schema. */
    public static PublishedSchema manifest() {
        return load(MANIFEST);
    }

    /**
     * Returns a schema shipped as a resource of pincer-core, compiled.
     *
     * @throws IllegalStateException if the resource is missing (a broken build)
     */
    public static PublishedSchema load(String resource) {
        JsonNode document;
        try (InputStream in = PublishedSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " missing from the pincer-core jar");
            }
            document = Formats.json().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
        Schema schema = JsonSchemas.registry()
                .getSchema(SchemaLocation.of(document.path("$id").asString()), document);
        schema.initializeValidators();
        return new PublishedSchema(document, schema);
    }

    /** Returns the schema document, for hints; do not modify it. */
    public JsonNode document() {
        return document;
    }

    /** Returns every schema violation in {@code document}. */
    public List<Error> validate(JsonNode instance) {
        return schema.validate(instance);
    }
}
