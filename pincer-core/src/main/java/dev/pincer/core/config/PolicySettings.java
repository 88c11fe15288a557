package dev.pincer.core.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds the effective {@code [policy]} section: what destructive tools and calls over a spending
 * limit need, which plugins may add policy rules, and the configured rules in the order they are
 * checked.
 *
 * <p>Immutable. Merged from the home {@code config.toml} and the workspace {@code pincer.toml},
 * where the workspace may only tighten: see {@link ConfigLoader}.
 *
 * @param destructive what a call to a tool marked destructive gets
 * @param maxCallCost the most one call may declare it costs, or {@code null} for no limit
 * @param dailyBudget the most the declared costs of allowed calls may add up to per UTC day, or
 *     {@code null} for no limit
 * @param overLimit what a call over either limit gets; never {@link Action#ALLOW}
 * @param trusted plugins allowed to add policy rules
 * @param rules the configured rules, home's first, then the workspace's; the first match decides
 * @since 0.1.0
 */
public record PolicySettings(
        Action destructive,
        BigDecimal maxCallCost,
        BigDecimal dailyBudget,
        Action overLimit,
        List<String> trusted,
        List<Rule> rules) {

    public PolicySettings {
        Objects.requireNonNull(destructive, "destructive");
        Objects.requireNonNull(overLimit, "overLimit");
        if (overLimit == Action.ALLOW) {
            throw new IllegalArgumentException("over_limit must be require-approval or deny, not allow");
        }
        requireNotNegative(maxCallCost, "max_call_cost");
        requireNotNegative(dailyBudget, "daily_budget");
        trusted = List.copyOf(trusted);
        rules = List.copyOf(rules);
    }

    /** Returns the settings when nothing is configured: approvals for destructive tools, no limits, no rules. */
    public static PolicySettings defaults() {
        return new PolicySettings(Action.REQUIRE_APPROVAL, null, null, Action.REQUIRE_APPROVAL, List.of(), List.of());
    }

    /** Returns whether {@code pluginId} may add policy rules. */
    public boolean trusts(String pluginId) {
        return trusted.contains(pluginId);
    }

    private static void requireNotNegative(BigDecimal value, String key) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException("[policy] " + key + " must not be negative, but was " + value);
        }
    }

    /** What a call gets, from least to most restrictive. */
    public enum Action {
        /** The call runs. */
        ALLOW,
        /** The call runs only once a person approved it. */
        REQUIRE_APPROVAL,
        /** The call does not run. */
        DENY;

        /** Returns the word used in config files, e.g. {@code "require-approval"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Returns the action a config file names, if {@code label} names one. */
        public static Optional<Action> fromLabel(String label) {
            for (Action action : values()) {
                if (action.label().equals(label)) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }

        /** Returns whether this action lets less through than {@code other}. */
        public boolean stricterThan(Action other) {
            return compareTo(other) > 0;
        }
    }

    /**
     * Holds one {@code [[policy.rules]]} entry.
     *
     * @param tool glob over tool names ({@code *} any run of characters, {@code ?} one), or
     *     {@code null} for every tool
     * @param plugin glob over plugin ids, or {@code null} for every plugin
     * @param action what a matching call gets
     * @param reason the sentence shown to the caller, or {@code null} for one Pincer writes
     * @param origin the config file the rule is in
     * @param index the rule's position among the {@code [[policy.rules]]} of {@code origin}, from 0
     */
    public record Rule(String tool, String plugin, Action action, String reason, Path origin, int index) {
        public Rule {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(origin, "origin");
            if (index < 0) {
                throw new IllegalArgumentException("rule index must not be negative, but was " + index);
            }
        }

        /** Returns where the rule is, for messages, e.g. {@code policy.rules[2] in /home/me/.pincer/config.toml}. */
        public String where() {
            return "policy.rules[" + index + "] in " + origin;
        }
    }
}
