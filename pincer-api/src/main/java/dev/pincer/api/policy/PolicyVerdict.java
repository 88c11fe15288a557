package dev.pincer.api.policy;

import java.util.Objects;

/**
 * Tells Pincer what a {@link PolicyRule} decided about one call: nothing to add, hold the call for
 * a person's approval, or deny it.
 *
 * <p>There is no verdict that allows: a plugin's rule can only tighten the host's policy. All
 * implementations are immutable records; their constructors throw {@link NullPointerException} for
 * a missing reason and {@link IllegalArgumentException} for a blank one.
 *
 * @since 0.1.0
 */
public sealed interface PolicyVerdict {

    /**
     * Returns the verdict that leaves the call to the rest of the policy.
     *
     * @return the verdict
     */
    static PolicyVerdict abstain() {
        return Abstain.INSTANCE;
    }

    /**
     * Returns the verdict that holds the call until a person approves it.
     *
     * @param reason why, as a sentence for the person asked to approve, not blank
     * @return the verdict
     */
    static PolicyVerdict requireApproval(String reason) {
        return new RequireApproval(reason);
    }

    /**
     * Returns the verdict that denies the call; no approval lets it through.
     *
     * @param reason why, as a sentence for whoever made the call, not blank
     * @return the verdict
     */
    static PolicyVerdict deny(String reason) {
        return new Deny(reason);
    }

    /**
     * Leaves the call to the rest of the policy.
     *
     * @since 0.1.0
     */
    record Abstain() implements PolicyVerdict {
        private static final Abstain INSTANCE = new Abstain();
    }

    /**
     * Holds the call until a person approves it.
     *
     * @param reason why, not blank
     * @since 0.1.0
     */
    record RequireApproval(String reason) implements PolicyVerdict {

        public RequireApproval {
            requireReason(reason, "requireApproval");
        }
    }

    /**
     * Denies the call.
     *
     * @param reason why, not blank
     * @since 0.1.0
     */
    record Deny(String reason) implements PolicyVerdict {

        public Deny {
            requireReason(reason, "deny");
        }
    }

    private static void requireReason(String reason, String verdict) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a " + verdict + " verdict needs a reason, but it was blank");
        }
    }
}
