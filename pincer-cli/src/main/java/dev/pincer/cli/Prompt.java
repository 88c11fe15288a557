package dev.pincer.cli;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Asks the person at the terminal a yes-or-no question, for commands that change what a plugin may
 * do (approve, install, update).
 *
 * <p>Stateless.
 */
final class Prompt {

    private Prompt() {}

    /**
     * Asks the person whether to go on; {@code true} for yes.
     *
     * @throws PincerException {@code cli.no-answer} when standard input has no answer
     */
    static boolean confirmed(PincerCommand top, String question) {
        PrintWriter out = top.out();
        out.print(question + " [y/N] ");
        out.flush();
        String answer;
        try {
            answer = top.in().readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from standard input", e);
        }
        if (answer == null) {
            out.println();
            throw new PincerException(
                    "cli.no-answer",
                    null,
                    null,
                    "no answer could be read from standard input, so nothing was changed",
                    "answer at a terminal, or pass --yes to approve from a script");
        }
        String word = answer.trim().toLowerCase(Locale.ROOT);
        return word.equals("y") || word.equals("yes");
    }
}
