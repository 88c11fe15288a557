package dev.pincer.core.check;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one check of a plugin folder: which check, whether it passed, one sentence
 * saying what was found, and the particulars (each difference, each failed example...).
 *
 * <p>Immutable.
 *
 * @param check the check's short name, e.g. {@code "manifest"} or {@code "declarations"}
 * @param status whether it passed, failed or could not run
 * @param summary one sentence for a person, e.g. "the manifest reads and validates"
 * @param details one sentence per particular finding; empty when there is nothing more to say
 * @since 0.1.0
 */
public record CheckResult(String check, Status status, String summary, List<String> details) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
    }

    /** Returns a passed check. */
    public static CheckResult passed(String check, String summary, List<String> details) {
        return new CheckResult(check, Status.PASSED, summary, details);
    }

    /** Returns a failed check. */
    public static CheckResult failed(String check, String summary, List<String> details) {
        return new CheckResult(check, Status.FAILED, summary, details);
    }

    /** Returns a check that did not run, with why. */
    public static CheckResult skipped(String check, String why) {
        return new CheckResult(check, Status.SKIPPED, why, List.of());
    }

    /** Whether a check passed. */
    public enum Status {
        /** The check ran and found nothing wrong. */
        PASSED,
        /** The check ran and found something wrong; {@link #details()} says what. */
        FAILED,
        /** The check could not run because an earlier one failed, or had nothing to check. */
        SKIPPED;

        /** Returns the word used in output, e.g. {@code "passed"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
