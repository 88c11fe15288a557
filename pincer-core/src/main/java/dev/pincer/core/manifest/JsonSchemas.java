package dev.pincer.core.manifest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Compiles and applies the JSON Schemas that plugins write: tool input schemas and config schemas
 * (draft 2020-12 unless the schema's {@code $schema} says otherwise).
 *
 * <p>Stateless and thread-safe. Schemas never fetch anything over the network: only the
 * meta-schemas bundled with the validator resolve.
 *
 * @since 0.1.0
 */
public final class JsonSchemas {

    private JsonSchemas() {}

    /** Returns a registry whose default dialect is draft 2020-12. */
    static SchemaRegistry registry() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    }

    /**
     * Returns the compiled schema.
     *
     * @throws IllegalArgumentException with the validator's reason when the schema is malformed
     */
    public static Schema compile(JsonNode schema) {
        try {
            Schema compiled = registry().getSchema(schema);
            compiled.initializeValidators();
            return compiled;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** Returns the violations of {@code instance}, each as "{@code location: message}". */
    public static List<String> violations(Schema schema, JsonNode instance) {
        List<String> out = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            out.add(describe(error));
        }
        return out;
    }

    /** Returns "location: message", naming the root as {@code (top level)}. */
    public static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        return (location.isEmpty() ? "(top level)" : location) + ": " + error.getMessage();
    }
}
