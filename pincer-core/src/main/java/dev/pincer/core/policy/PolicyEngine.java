package dev.pincer.core.policy;

import dev.pincer.api.policy.PolicyCheck;
import dev.pincer.api.policy.PolicyRule;
import dev.pincer.core.config.PolicySettings;
import dev.pincer.core.policy.PolicyDecision.Verdict;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a tool call may run: the trusted tier of checks on the one invocation path,
 * before any plugin hook.
 *
 * <p>In order: (a) the configured {@code [[policy.rules]]}, first match wins, where an {@code
 * allow} rule skips the built-in checks for that call; (b) the built-in checks: a destructive tool
 * gets {@code [policy] destructive}, a declared cost over {@code max_call_cost} or one that would
 * take today's (UTC) spending over {@code daily_budget} gets {@code over_limit}; (c) the rules of
 * plugins named in {@code [policy] trusted}, which can only hold or deny, and deny the call when
 * they throw or return {@code null}. The most restrictive verdict wins; reasons of several holds
 * are joined. A call a person confirmed turns a hold into an allow, never a denial. Once a call is
 * denied, later checks are skipped.
 *
 * <p>Thread-safe: immutable apart from the injected ledger, clock and extension supplier, which
 * must be thread-safe. Globs are compiled once here; a plain allowed call allocates next to
 * nothing, and the ledger is asked only when a call declares a cost, a daily budget is set, and
 * its answer could still change the verdict.
 *
 * @since 0.1.0
 */
public final class PolicyEngine {

    private static final String CONFIG_HINT = " (set [policy] destructive in config.toml to change this)";

    /**
     * A policy rule a trusted plugin added.
     *
     * @param pluginId the plugin that added it
     * @param rule the rule
     * @since 0.1.0
     */
    public record Extension(String pluginId, PolicyRule rule) {
        public Extension {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(rule, "rule");
        }
    }

    private final PolicySettings settings;
    private final List<ConfiguredRule> rules;
    private final Set<String> trusted;
    private final Verdict destructive;
    private final Verdict overLimit;
    private final SpendingLedger ledger;
    private final Clock clock;
    private final Supplier<List<Extension>> extensions;

    /**
     * Creates the engine.
     *
     * @param settings the effective {@code [policy]}
     * @param ledger what allowed calls spent, asked for the daily budget
     * @param clock tells the current day (UTC)
     * @param extensions the rules trusted plugins added, asked on every call that is not already
     *     denied while {@code [policy] trusted} names a plugin; rules of plugins it does not name
     *     are ignored; a supplier that throws or returns {@code null} denies the call
     */
    public PolicyEngine(
            PolicySettings settings, SpendingLedger ledger, Clock clock, Supplier<List<Extension>> extensions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.rules = settings.rules().stream().map(ConfiguredRule::of).toList();
        this.trusted = Set.copyOf(settings.trusted());
        this.destructive = verdictOf(settings.destructive());
        this.overLimit = verdictOf(settings.overLimit());
    }

    /** Returns the settings the engine decides by. */
    public PolicySettings settings() {
        return settings;
    }

    /** Returns the decision for {@code request}; never throws for anything a plugin or the ledger does. */
    public PolicyDecision evaluate(PolicyRequest request) {
        PolicyDecision decision = null;
        ConfiguredRule rule = firstMatch(request);
        if (rule != null) {
            decision = rule.decide(request);
        }
        if (rule == null || !rule.allows()) {
            decision = builtIns(request, decision);
        }
        decision = extensions(request, decision);
        if (decision == null) {
            return PolicyDecision.allow();
        }
        if (request.confirmed() && decision.verdict() == Verdict.REQUIRES_APPROVAL) {
            return new PolicyDecision(
                    Verdict.ALLOW, "approved by a person for this call: " + decision.reason(), decision.source());
        }
        return decision;
    }

    private ConfiguredRule firstMatch(PolicyRequest request) {
        for (ConfiguredRule rule : rules) {
            if (rule.matches(request.pluginId(), request.toolName())) {
                return rule;
            }
        }
        return null;
    }

    private PolicyDecision builtIns(PolicyRequest request, PolicyDecision decision) {
        if (request.destructive() && destructive != Verdict.ALLOW) {
            decision = stricter(
                    decision,
                    new PolicyDecision(
                            destructive,
                            "tool '" + request.toolName() + "' of plugin '" + request.pluginId()
                                    + "' is marked destructive; policy "
                                    + (destructive == Verdict.DENY ? "denies" : "requires approval for")
                                    + " destructive tools" + CONFIG_HINT,
                            "policy.destructive"));
        }
        BigDecimal cost = request.cost();
        if (cost == null || cost.signum() == 0 || isDeny(decision)) {
            return decision;
        }
        BigDecimal max = settings.maxCallCost();
        if (max != null && cost.compareTo(max) > 0) {
            return stricter(
                    decision,
                    new PolicyDecision(
                            overLimit,
                            "call to '" + request.toolName() + "' declares cost " + Costs.format(cost)
                                    + ", over the per-call limit " + Costs.format(max) + " ([policy] max_call_cost)",
                            "policy.max_call_cost"));
        }
        if (settings.dailyBudget() == null || (decision != null && !overLimit.stricterThan(decision.verdict()))) {
            return decision;
        }
        return stricter(decision, budget(request, cost));
    }

    /** Returns the daily-budget finding for a call of {@code cost}, or {@code null} when it fits. */
    private PolicyDecision budget(PolicyRequest request, BigDecimal cost) {
        BigDecimal budget = settings.dailyBudget();
        Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS);
        BigDecimal spent;
        String failure;
        try {
            spent = ledger.spentSince(midnight);
            failure = "the spending ledger answered nothing";
        } catch (RuntimeException e) {
            spent = null;
            failure = Extensions.describe(e);
        }
        if (spent == null) {
            return new PolicyDecision(
                    overLimit,
                    "call to '" + request.toolName() + "' declares cost " + Costs.format(cost)
                            + ", and what was spent today (UTC) cannot be read (" + failure
                            + "), so the daily budget " + Costs.format(budget)
                            + " cannot be checked ([policy] daily_budget)",
                    "policy.daily_budget");
        }
        if (spent.add(cost).compareTo(budget) <= 0) {
            return null;
        }
        return new PolicyDecision(
                overLimit,
                "call to '" + request.toolName() + "' declares cost " + Costs.format(cost) + ", but "
                        + Costs.format(spent) + " of the daily budget " + Costs.format(budget)
                        + " is already spent today (UTC) ([policy] daily_budget)",
                "policy.daily_budget");
    }

    private PolicyDecision extensions(PolicyRequest request, PolicyDecision decision) {
        if (isDeny(decision) || trusted.isEmpty()) {
            return decision;
        }
        List<Extension> added;
        String failure;
        try {
            added = extensions.get();
            failure = "none were supplied";
        } catch (RuntimeException e) {
            added = null;
            failure = Extensions.describe(e);
        }
        if (added == null) {
            return new PolicyDecision(
                    Verdict.DENY,
                    "the policy rules of trusted plugins cannot be read (" + failure + "), so the call is denied",
                    "policy.trusted");
        }
        PolicyCheck check = null;
        for (Extension extension : added) {
            if (!trusted.contains(extension.pluginId())) {
                continue;
            }
            if (check == null) {
                check = new PolicyCheck(
                        request.pluginId(),
                        request.toolName(),
                        request.destructive(),
                        request.cost(),
                        request.arguments(),
                        request.actor());
            }
            decision = stricter(decision, Extensions.ask(extension, check));
            if (isDeny(decision)) {
                return decision;
            }
        }
        return decision;
    }

    /** Returns {@code found} if it is stricter than {@code current}, both joined if equally holding. */
    private static PolicyDecision stricter(PolicyDecision current, PolicyDecision found) {
        if (found == null) {
            return current;
        }
        if (current == null || found.verdict().stricterThan(current.verdict())) {
            return found;
        }
        if (found.verdict() == current.verdict() && current.verdict() == Verdict.REQUIRES_APPROVAL) {
            return new PolicyDecision(
                    Verdict.REQUIRES_APPROVAL,
                    current.reason() + "; " + found.reason(),
                    current.source() + ", " + found.source());
        }
        return current;
    }

    private static boolean isDeny(PolicyDecision decision) {
        return decision != null && decision.verdict() == Verdict.DENY;
    }

    /** Returns the verdict a configured action stands for. */
    static Verdict verdictOf(PolicySettings.Action action) {
        return switch (action) {
            case ALLOW -> Verdict.ALLOW;
            case REQUIRE_APPROVAL -> Verdict.REQUIRES_APPROVAL;
            case DENY -> Verdict.DENY;
        };
    }
}
