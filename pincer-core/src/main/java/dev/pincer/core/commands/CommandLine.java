package dev.pincer.core.commands;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a typed line into a command name and its arguments.
 *
 * <p>A line is a command when, after leading white space, it starts with {@code /} and a name: a
 * letter, then letters, digits, {@code _} or {@code -}, ending at white space or the end of the
 * line. So {@code /etc/hosts is down} or {@code / } is not a command. Immutable.
 *
 * @param typed the name as typed, without the slash
 * @param name the name in lower case, as command names are registered
 * @param args the rest of the line, stripped; empty when there is none
 */
record CommandLine(String typed, String name, String args) {

    private static final Pattern COMMAND = Pattern.compile("/([A-Za-z][A-Za-z0-9_-]*)(?:\\s+(.*))?", Pattern.DOTALL);

    static Optional<CommandLine> parse(String line) {
        Matcher matcher = COMMAND.matcher(line.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String typed = matcher.group(1);
        String rest = matcher.group(2) == null ? "" : matcher.group(2).strip();
        return Optional.of(new CommandLine(typed, typed.toLowerCase(Locale.ROOT), rest));
    }
}
