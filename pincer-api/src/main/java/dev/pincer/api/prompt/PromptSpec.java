package dev.pincer.api.prompt;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Describes a prompt a plugin offers: its name, what it is for, and the arguments it takes.
 *
 * <p>Immutable and thread-safe. The constructor throws {@link NullPointerException} for a missing
 * required value and {@link IllegalArgumentException}, naming the bad value, for an invalid one.
 *
 * @param name the prompt's name: letters, digits, {@code _} or {@code -}, 1 to 64 characters
 * @param description what the prompt is for, or {@code null}
 * @param arguments the arguments it takes, in order, with distinct names
 * @since 0.1.0
 */
public record PromptSpec(String name, String description, List<Argument> arguments) {

    public PromptSpec {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 64 || !name.chars().allMatch(PromptSpec::nameChar)) {
            throw new IllegalArgumentException(
                    "prompt name must be 1 to 64 letters, digits, '_' or '-', but was: \"" + name + "\"");
        }
        arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments"));
        Set<String> seen = new HashSet<>();
        for (Argument argument : arguments) {
            if (!seen.add(argument.name())) {
                throw new IllegalArgumentException(
                        "prompt \"" + name + "\" names argument \"" + argument.name() + "\" twice");
            }
        }
    }

    /**
     * Returns a prompt that takes no arguments.
     *
     * @param name the prompt's name
     * @param description what it is for
     * @return the spec
     */
    public static PromptSpec of(String name, String description) {
        return new PromptSpec(name, description, List.of());
    }

    private static boolean nameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /**
     * Describes one argument of a prompt.
     *
     * @param name the argument's name, not blank
     * @param description what to give, or {@code null}
     * @param required whether the prompt cannot be rendered without it
     * @since 0.1.0
     */
    public record Argument(String name, String description, boolean required) {

        public Argument {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a prompt argument's name must not be blank");
            }
        }
    }
}
