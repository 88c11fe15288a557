package dev.pincer.core.hooks;

import dev.pincer.api.hook.HookKind;
import dev.pincer.api.hook.HookOutcome;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.lifecycle.Outcome;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns what one handler of a sequential hook point answered into the next step of the chain, as
 * the table in {@link HookKind} says: a result that {@linkplain HookResult#proceeds() proceeds}
 * carries the event for the next handler, any other result ends the chain.
 *
 * <p>Misuse (an outcome the kind does not honour, a {@code null} outcome, a replacement of the
 * wrong type) is reported to the sink once per registration and kind of misuse. Thread-safe if the
 * sink is.
 */
final class OutcomeRules {

    private final Consumer<Diagnostic> reports;

    OutcomeRules(Consumer<Diagnostic> reports) {
        this.reports = reports;
    }

    /** Returns the step for a handler that answered {@code outcome} to {@code event}. */
    <E> HookResult<E> honour(HandlerEntry<E> entry, HookOutcome<E> outcome, E event) {
        if (outcome instanceof HookOutcome.Replace<E> replace) {
            return replaced(entry, replace.event(), event);
        }
        if (outcome instanceof HookOutcome.Block<E> block) {
            return stopped(entry, "block", block.reason(), event);
        }
        if (outcome instanceof HookOutcome.Cancel<E> cancel) {
            return stopped(entry, "cancel", cancel.reason(), event);
        }
        if (outcome instanceof HookOutcome.Claim<E> claim) {
            return claimed(entry, claim, event);
        }
        return HookResult.proceeded(event);
    }

    /** Returns the step for a handler that threw, timed out or answered {@code null}. */
    <E> HookResult<E> failed(HandlerEntry<E> entry, Outcome<?> called, E event) {
        String what;
        if (called instanceof Outcome.Failed<?> failed) {
            what = "failed: " + describe(failed.error());
        } else if (called instanceof Outcome.TimedOut<?> timedOut) {
            what = "did not answer within " + timedOut.after().toMillis() + " ms";
        } else {
            reportNullOutcome(entry);
            what = "returned null instead of an outcome";
        }
        return failedBecause(entry, what, event);
    }

    /** Reports a {@code null} outcome, once per registration. */
    void reportNullOutcome(HandlerEntry<?> entry) {
        report(
                entry,
                "null",
                "hooks.null-outcome",
                entry.describe() + " returned null instead of an outcome; it counted as a failure",
                "return HookOutcome.proceed() to let the action go on");
    }

    private <E> HookResult<E> replaced(HandlerEntry<E> entry, E replacement, E event) {
        if (kind(entry) == HookKind.CLAIM) {
            misuse(entry, "replace", "the event was left as it was");
            return HookResult.proceeded(event);
        }
        Class<E> type = entry.point().eventType();
        if (!type.isInstance(replacement)) {
            String what =
                    "replaced the event with a " + replacement.getClass().getName() + ", not a " + type.getSimpleName();
            report(entry, "type", "hooks.wrong-event-type", entry.describe() + " " + what, null);
            return failedBecause(entry, "failed: it " + what, event);
        }
        return HookResult.proceeded(replacement);
    }

    private <E> HookResult<E> stopped(HandlerEntry<E> entry, String asked, String reason, E event) {
        String id = entry.pluginId();
        return switch (kind(entry)) {
            case MODIFY -> {
                misuseUnless(entry, asked, "cancel", "it was treated as cancel");
                yield HookResult.cancelled(event, reason, id);
            }
            case GATE -> {
                misuseUnless(entry, asked, "block", "it was treated as block");
                yield HookResult.blocked(event, reason, id);
            }
            default -> {
                misuse(entry, asked, "it was treated as a claim without reply");
                yield HookResult.claimed(event, id, null, reason);
            }
        };
    }

    private <E> HookResult<E> claimed(HandlerEntry<E> entry, HookOutcome.Claim<E> claim, E event) {
        return switch (kind(entry)) {
            case CLAIM -> HookResult.claimed(event, entry.pluginId(), claim.reply(), null);
            case GATE -> {
                misuse(entry, "claim", "the action was blocked");
                yield failedBecause(entry, "answered claim, which a gate does not honour", event);
            }
            default -> {
                misuse(entry, "claim", "the handler was skipped");
                yield HookResult.proceeded(event);
            }
        };
    }

    private static <E> HookResult<E> failedBecause(HandlerEntry<E> entry, String what, E event) {
        if (kind(entry) != HookKind.GATE) {
            return HookResult.proceeded(event);
        }
        return HookResult.blocked(event, "blocked because " + entry.describe() + " " + what, entry.pluginId());
    }

    private void misuseUnless(HandlerEntry<?> entry, String asked, String honoured, String consequence) {
        if (!asked.equals(honoured)) {
            misuse(entry, asked, consequence);
        }
    }

    private void misuse(HandlerEntry<?> entry, String asked, String consequence) {
        String kind = kind(entry).name().toLowerCase(Locale.ROOT);
        report(
                entry,
                asked,
                "hooks.outcome-not-honoured",
                entry.describe() + " answered " + asked + ", which a " + kind + " hook does not honour; " + consequence,
                "see the table in HookKind for the outcomes each kind of hook honours");
    }

    private void report(HandlerEntry<?> entry, String key, String code, String message, String hint) {
        if (entry.firstReportOf(key)) {
            reports.accept(Diagnostic.warning(code, entry.pluginId(), null, message, hint));
        }
    }

    private static HookKind kind(HandlerEntry<?> entry) {
        return entry.point().kind();
    }

    /** Names an error as the guard does: its simple class name and message. */
    static String describe(Throwable error) {
        return error.getMessage() == null
                ? error.getClass().getName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
