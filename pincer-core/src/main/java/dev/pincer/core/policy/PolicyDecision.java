package dev.pincer.core.policy;

import java.util.Objects;

/**
 * Says what the policy decided about one tool call, why, and which setting or rule decided it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param verdict whether the call may run
 * @param reason sentences a person reads, naming the setting to change; {@code null} only for a
 *     plain allow (one that no rule or check had anything to say about)
 * @param source where the decision came from, e.g. {@code policy.destructive}, {@code
 *     policy.rules[2] in /home/me/.pincer/config.toml} or {@code plugin:corp-policy}, several
 *     joined with {@code ", "}; {@code null} for a plain allow
 * @since 0.1.0
 */
public record PolicyDecision(Verdict verdict, String reason, String source) {

    private static final PolicyDecision PLAIN_ALLOW = new PolicyDecision(Verdict.ALLOW, null, null);

    public PolicyDecision {
        Objects.requireNonNull(verdict, "verdict");
        if (verdict != Verdict.ALLOW && (reason == null || source == null)) {
            throw new IllegalArgumentException(verdict + " needs a reason and a source");
        }
    }

    /** Returns the decision that lets a call run with nothing to say. */
    public static PolicyDecision allow() {
        return PLAIN_ALLOW;
    }

    /** Returns whether the call may run now. */
    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }

    /** Whether a call may run, from least to most restrictive. */
    public enum Verdict {
        /** The call runs. */
        ALLOW,
        /** The call runs only once a person approves it. */
        REQUIRES_APPROVAL,
        /** The call does not run, approved or not. */
        DENY;

        /** Returns whether this verdict lets less through than {@code other}. */
        public boolean stricterThan(Verdict other) {
            return compareTo(other) > 0;
        }
    }
}
