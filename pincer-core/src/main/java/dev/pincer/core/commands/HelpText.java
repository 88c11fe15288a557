package dev.pincer.core.commands;

import java.util.List;

/** Writes the help listing of a registry's commands. Stateless and thread-safe. */
final class HelpText {

    private HelpText() {}

    /**
     * Returns one line per command, in registry order: synopsis, description, and owner in
     * brackets, the descriptions aligned.
     */
    static String of(List<RegisteredCommand> commands) {
        int width = commands.stream().mapToInt(c -> c.synopsis().length()).max().orElse(0);
        StringBuilder text = new StringBuilder("Commands:");
        for (RegisteredCommand command : commands) {
            String description = command.spec().description();
            text.append("\n  ")
                    .append(pad(command.synopsis(), width))
                    .append("  ")
                    .append(description.isBlank() ? "" : description + "  ")
                    .append('[')
                    .append(command.builtIn() ? "built-in" : command.pluginId())
                    .append(']');
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
