package dev.pincer.api.tool;

import java.util.Objects;

/**
 * Describes a tool to an agent: its name, what it does, the arguments it takes, and whether it
 * changes the world.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param name the tool's name: letters, digits, {@code _} or {@code -}, 1 to 64 characters
 * @param description what the tool does and when to use it, for the model; may be empty
 * @param inputSchemaJson a JSON Schema for the arguments, as the text of a JSON object
 * @param destructive whether the tool may delete or change data; policy may require approval
 * @since 0.1.0
 */
public record ToolSpec(String name, String description, String inputSchemaJson, boolean destructive) {

    /** The input schema of a tool that declares none: any JSON object. */
    public static final String ANY_OBJECT_SCHEMA = "{\"type\":\"object\"}";

    public ToolSpec {
        requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchemaJson, "inputSchemaJson");
        String schema = inputSchemaJson.strip();
        if (!schema.startsWith("{") || !schema.endsWith("}")) {
            throw new IllegalArgumentException("input schema of tool \"" + name + "\" must be a JSON object such as "
                    + ANY_OBJECT_SCHEMA + ", but was: " + inputSchemaJson);
        }
    }

    /**
     * Returns a non-destructive tool that accepts any JSON object as arguments.
     *
     * @param name the tool's name
     * @param description what the tool does
     * @return the tool description
     */
    public static ToolSpec of(String name, String description) {
        return new ToolSpec(name, description, ANY_OBJECT_SCHEMA, false);
    }

    /**
     * Returns a copy of this tool with the given input schema.
     *
     * @param schemaJson a JSON Schema, as the text of a JSON object
     * @return the copy
     */
    public ToolSpec withInputSchema(String schemaJson) {
        return new ToolSpec(name, description, schemaJson, destructive);
    }

    /**
     * Returns a copy of this tool marked as destructive.
     *
     * @return the copy
     */
    public ToolSpec markedDestructive() {
        return new ToolSpec(name, description, inputSchemaJson, true);
    }

    /** Checks the name without a regular expression: every tool call checks it. */
    private static boolean validName(String name) {
        int length = name.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (!validName(name)) {
            throw new IllegalArgumentException(
                    "tool name must be 1 to 64 letters, digits, '_' or '-', but was: \"" + name + "\"");
        }
        return name;
    }
}
