package dev.pincer.api.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Describes a resource a plugin serves: its URI, name and media type.
 *
 * <p>A URI holding {@code {name}} variables, such as {@code notes://day/{date}}, is a template: it
 * stands for every URI that fills each variable with one or more characters other than {@code /},
 * and the handler gets the values. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, naming the bad value, for an invalid one.
 *
 * @param uri the resource's URI or URI template, with a scheme, at most 1024 characters
 * @param name a short name for people, not blank
 * @param description what the resource holds, or {@code null}
 * @param mimeType its media type, or {@code null} when it varies
 * @since 0.1.0
 */
public record ResourceSpec(String uri, String name, String description, String mimeType) {

    private static final int MAX_URI_LENGTH = 1024;

    public ResourceSpec {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(name, "name");
        if (uri.length() > MAX_URI_LENGTH || uri.indexOf(':') < 1 || uri.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("resource URI must have a scheme, no spaces and at most 1024"
                    + " characters, such as notes://today, but was: \"" + uri + "\"");
        }
        variablesOf(uri);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name of resource \"" + uri + "\" must not be blank");
        }
    }

    /**
     * Returns whether the URI is a template, holding {@code {variables}}.
     *
     * @return whether it is a template
     */
    public boolean isTemplate() {
        return uri.indexOf('{') >= 0;
    }

    /**
     * Returns the names of the template's variables in order; empty for a plain URI.
     *
     * @return the variable names
     */
    public List<String> variables() {
        return variablesOf(uri);
    }

    private static List<String> variablesOf(String uri) {
        List<String> names = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = uri.indexOf('{', at);
            int close = uri.indexOf('}', at);
            if (open < 0 && close < 0) {
                return List.copyOf(names);
            }
            if (open < 0 || close < open || uri.indexOf('{', open + 1) >= 0 && uri.indexOf('{', open + 1) < close) {
                throw new IllegalArgumentException("resource URI template has unbalanced braces: \"" + uri + "\"");
            }
            String name = uri.substring(open + 1, close);
            if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw new IllegalArgumentException("resource URI template variable must be letters, digits or '_',"
                        + " but was: \"{" + name + "}\" in \"" + uri + "\"");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("resource URI template names {" + name + "} twice: \"" + uri + "\"");
            }
            names.add(name);
            at = close + 1;
        }
    }
}
