package dev.pincer.api.policy;

import java.util.Objects;
import java.util.function.Function;

/**
 * Checks tool calls on behalf of a trusted plugin, and may hold or deny them.
 *
 * <p>Pincer calls a rule on every tool call the rest of the policy does not already deny, from
 * many threads at once and on the path of every call, so implementations must be thread-safe and
 * quick, and must not block. A rule that throws or returns {@code null} denies the call, with a
 * reason naming its plugin.
 *
 * @since 0.1.0
 */
public interface PolicyRule {

    /**
     * Returns the rule's name, shown with its verdicts, e.g. {@code no-deletes-on-fridays}.
     *
     * @return the name, not blank
     */
    String name();

    /**
     * Checks one call.
     *
     * @param call the call about to run, never {@code null}
     * @return the verdict, never {@code null}: {@link PolicyVerdict#abstain()} to leave the call
     *     to the rest of the policy
     */
    PolicyVerdict check(PolicyCheck call);

    /**
     * Returns a rule with the given name that checks calls with {@code check}.
     *
     * @param name the rule's name, not blank
     * @param check answers each call; thread-safe, quick, never returning {@code null}
     * @return the rule
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static PolicyRule of(String name, Function<PolicyCheck, PolicyVerdict> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a policy rule needs a name, but it was blank");
        }
        return new PolicyRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public PolicyVerdict check(PolicyCheck call) {
                return check.apply(call);
            }

            @Override
            public String toString() {
                return "PolicyRule[" + name + "]";
            }
        };
    }
}
