package dev.pincer.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.policy.PolicyCheck;
import dev.pincer.api.policy.PolicyRule;
import dev.pincer.api.policy.PolicyVerdict;
import dev.pincer.core.config.PolicySettings;
import dev.pincer.core.config.PolicySettings.Action;
import dev.pincer.core.policy.PolicyDecision.Verdict;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static final Path HOME = Path.of("/home/me/.pincer/config.toml");
    private static final Clock NOON = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final SpendingLedger NOTHING_SPENT = since -> BigDecimal.ZERO;
    /** The defaults, trusting corp-policy to add rules. */
    private static final PolicySettings TRUSTING =
            settings(Action.REQUIRE_APPROVAL, null, null, Action.REQUIRE_APPROVAL);

    private static final String DESTRUCTIVE_HINT = " (set [policy] destructive in config.toml to change this)";

    private static PolicySettings settings(Action destructive, String max, String daily, Action overLimit) {
        return new PolicySettings(
                destructive,
                max == null ? null : new BigDecimal(max),
                daily == null ? null : new BigDecimal(daily),
                overLimit,
                List.of("corp-policy"),
                List.of());
    }

    private static PolicySettings withRules(PolicySettings.Rule... rules) {
        PolicySettings d = PolicySettings.defaults();
        return new PolicySettings(
                d.destructive(), new BigDecimal("0.50"), null, d.overLimit(), List.of("corp-policy"), List.of(rules));
    }

    private static PolicySettings.Rule rule(String tool, String plugin, Action action, String reason, int index) {
        return new PolicySettings.Rule(tool, plugin, action, reason, HOME, index);
    }

    private static PolicyEngine engine(PolicySettings settings) {
        return new PolicyEngine(settings, NOTHING_SPENT, NOON, List::of);
    }

    private static PolicyEngine engine(PolicySettings settings, PolicyEngine.Extension... extensions) {
        return new PolicyEngine(settings, NOTHING_SPENT, NOON, () -> List.of(extensions));
    }

    private static PolicyRequest call(String plugin, String tool, boolean destructive, String cost) {
        return new PolicyRequest(
                "cli", plugin, tool, destructive, cost == null ? null : new BigDecimal(cost), Map.of(), false);
    }

    private static PolicyRequest confirmed(PolicyRequest request) {
        return new PolicyRequest(
                request.actor(),
                request.pluginId(),
                request.toolName(),
                request.destructive(),
                request.cost(),
                request.arguments(),
                true);
    }

    // --- destructive tools

    @Test
    void destructiveToolNeedsApprovalByDefault() {
        PolicyDecision decision = engine(PolicySettings.defaults()).evaluate(call("files", "delete_file", true, null));

        assertThat(decision)
                .isEqualTo(new PolicyDecision(
                        Verdict.REQUIRES_APPROVAL,
                        "tool 'delete_file' of plugin 'files' is marked destructive;"
                                + " policy requires approval for destructive tools" + DESTRUCTIVE_HINT,
                        "policy.destructive"));
    }

    @Test
    void destructiveToolIsDeniedWhenConfigSaysDeny() {
        PolicyDecision decision = engine(settings(Action.DENY, null, null, Action.REQUIRE_APPROVAL))
                .evaluate(call("files", "delete_file", true, null));

        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.reason())
                .isEqualTo("tool 'delete_file' of plugin 'files' is marked destructive;"
                        + " policy denies destructive tools" + DESTRUCTIVE_HINT);
    }

    @Test
    void destructiveToolRunsWhenConfigSaysAllow() {
        PolicyDecision decision = engine(settings(Action.ALLOW, null, null, Action.REQUIRE_APPROVAL))
                .evaluate(call("files", "delete_file", true, null));

        assertThat(decision).isSameAs(PolicyDecision.allow());
        assertThat(decision.reason()).isNull();
    }

    @Test
    void harmlessFreeCallIsAPlainAllow() {
        assertThat(engine(PolicySettings.defaults()).evaluate(call("files", "read_file", false, null)))
                .isSameAs(PolicyDecision.allow());
    }

    // --- spending limits

    @Test
    void costOverThePerCallLimitNeedsApproval() {
        PolicyDecision decision = engine(settings(Action.REQUIRE_APPROVAL, "0.50", null, Action.REQUIRE_APPROVAL))
                .evaluate(call("deepl", "translate", false, "0.8"));

        assertThat(decision)
                .isEqualTo(new PolicyDecision(
                        Verdict.REQUIRES_APPROVAL,
                        "call to 'translate' declares cost 0.80, over the per-call limit 0.50 ([policy] max_call_cost)",
                        "policy.max_call_cost"));
    }

    @Test
    void costAtThePerCallLimitRunsAndOverLimitDenyDenies() {
        PolicyEngine denying = engine(settings(Action.REQUIRE_APPROVAL, "0.5", null, Action.DENY));

        assertThat(denying.evaluate(call("deepl", "translate", false, "0.50")).verdict())
                .isEqualTo(Verdict.ALLOW);
        assertThat(denying.evaluate(call("deepl", "translate", false, "0.51")).verdict())
                .isEqualTo(Verdict.DENY);
        assertThat(denying.evaluate(call("deepl", "translate", false, "0.125")).reason())
                .isNull();
        assertThat(denying.evaluate(call("deepl", "translate", false, "1.125")).reason())
                .isEqualTo("call to 'translate' declares cost 1.125, over the per-call limit 0.50"
                        + " ([policy] max_call_cost)");
    }

    @Test
    void dailyBudgetCountsOnlyWhatWasSpentSinceUtcMidnight() {
        List<Spend> spends = List.of(
                new Spend(Instant.parse("2025-02-28T23:59:50Z"), "4.90"),
                new Spend(Instant.parse("2025-03-01T00:00:01Z"), "4.20"));
        PolicySettings settings = settings(Action.REQUIRE_APPROVAL, null, "5.00", Action.REQUIRE_APPROVAL);
        PolicyRequest translate = call("deepl", "translate", false, "0.80");

        // Five seconds before midnight yesterday's 4.90 counts: 4.90 + 0.80 > 5.
        Clock beforeMidnight = clock("2025-02-28T23:59:55Z", ZoneOffset.UTC);
        PolicyDecision before = new PolicyEngine(settings, ledger(spends, beforeMidnight), beforeMidnight, List::of)
                .evaluate(translate);
        // Just after midnight only today's 4.20 counts: 4.20 + 0.80 = 5, still within the budget.
        Clock afterMidnight = clock("2025-03-01T00:00:05Z", ZoneOffset.UTC);
        PolicyDecision after =
                new PolicyEngine(settings, ledger(spends, afterMidnight), afterMidnight, List::of).evaluate(translate);

        assertThat(before)
                .isEqualTo(new PolicyDecision(
                        Verdict.REQUIRES_APPROVAL,
                        "call to 'translate' declares cost 0.80, but 4.90 of the daily budget 5.00"
                                + " is already spent today (UTC) ([policy] daily_budget)",
                        "policy.daily_budget"));
        assertThat(after).isSameAs(PolicyDecision.allow());
    }

    @Test
    void dailyBudgetDayIsUtcWhateverTheClockZone() {
        AtomicReference<Instant> asked = new AtomicReference<>();
        SpendingLedger ledger = since -> {
            asked.set(since);
            return new BigDecimal("4.50");
        };
        // 2025-03-01T11:00Z is already 2 March in Auckland; the budget day is still 1 March UTC.
        PolicyEngine engine = new PolicyEngine(
                settings(Action.REQUIRE_APPROVAL, null, "5", Action.DENY),
                ledger,
                clock("2025-03-01T11:00:00Z", ZoneId.of("Pacific/Auckland")),
                List::of);

        PolicyDecision decision = engine.evaluate(call("deepl", "translate", false, "0.6"));

        assertThat(asked.get()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.reason()).contains("4.50 of the daily budget 5.00");
    }

    @Test
    void ledgerIsNotAskedForCallsWithoutACostOrAlreadyHeldByOverLimit() {
        AtomicInteger asked = new AtomicInteger();
        SpendingLedger counting = since -> {
            asked.incrementAndGet();
            return BigDecimal.ZERO;
        };
        PolicyEngine engine = new PolicyEngine(
                settings(Action.REQUIRE_APPROVAL, "1", "5", Action.REQUIRE_APPROVAL), counting, NOON, List::of);

        engine.evaluate(call("deepl", "translate", false, null));
        engine.evaluate(call("deepl", "translate", false, "0"));
        engine.evaluate(call("deepl", "translate", false, "2"));
        engine.evaluate(call("files", "delete_file", true, "0.5"));
        assertThat(asked).hasValue(0);

        engine.evaluate(call("deepl", "translate", false, "0.5"));
        assertThat(asked).hasValue(1);
    }

    @Test
    void unreadableLedgerTreatsTheCallAsOverBudget() {
        SpendingLedger broken = since -> {
            throw new IllegalStateException("database is locked");
        };
        PolicyDecision decision = new PolicyEngine(
                        settings(Action.REQUIRE_APPROVAL, null, "5", Action.DENY), broken, NOON, List::of)
                .evaluate(call("deepl", "translate", false, "0.10"));

        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.reason())
                .isEqualTo("call to 'translate' declares cost 0.10, and what was spent today (UTC) cannot be read"
                        + " (IllegalStateException: database is locked), so the daily budget 5.00 cannot be"
                        + " checked ([policy] daily_budget)");
    }

    @Test
    void ledgerThatAnswersNothingTreatsTheCallAsOverBudget() {
        PolicyDecision decision = new PolicyEngine(
                        settings(Action.REQUIRE_APPROVAL, null, "5", Action.REQUIRE_APPROVAL),
                        since -> null,
                        NOON,
                        List::of)
                .evaluate(call("deepl", "translate", false, "0.10"));

        assertThat(decision.verdict()).isEqualTo(Verdict.REQUIRES_APPROVAL);
        assertThat(decision.reason()).contains("cannot be read (the spending ledger answered nothing)");
    }

    @Test
    void severalHoldsAreReportedTogether() {
        PolicyDecision decision = engine(settings(Action.REQUIRE_APPROVAL, "0.5", null, Action.REQUIRE_APPROVAL))
                .evaluate(call("files", "shred", true, "0.9"));

        assertThat(decision.verdict()).isEqualTo(Verdict.REQUIRES_APPROVAL);
        assertThat(decision.source()).isEqualTo("policy.destructive, policy.max_call_cost");
        assertThat(decision.reason())
                .isEqualTo("tool 'shred' of plugin 'files' is marked destructive; policy requires approval for"
                        + " destructive tools" + DESTRUCTIVE_HINT + "; call to 'shred' declares cost 0.90,"
                        + " over the per-call limit 0.50 ([policy] max_call_cost)");
    }

    @Test
    void mostRestrictiveBuiltInWins() {
        PolicyDecision decision = engine(settings(Action.REQUIRE_APPROVAL, "0.5", null, Action.DENY))
                .evaluate(call("files", "shred", true, "0.9"));

        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.source()).isEqualTo("policy.max_call_cost");
    }

    // --- configured rules

    @Test
    void firstMatchingRuleDecidesWithItsReason() {
        PolicyEngine engine = engine(withRules(
                rule("delete_*", "files", Action.DENY, "deleting is off on this machine", 0),
                rule("delete_*", null, Action.REQUIRE_APPROVAL, null, 1)));

        PolicyDecision fromFiles = engine.evaluate(call("files", "delete_file", false, null));
        PolicyDecision fromOther = engine.evaluate(call("notes", "delete_note", false, null));

        assertThat(fromFiles)
                .isEqualTo(new PolicyDecision(
                        Verdict.DENY, "deleting is off on this machine", "policy.rules[0] in " + HOME));
        assertThat(fromOther)
                .isEqualTo(new PolicyDecision(
                        Verdict.REQUIRES_APPROVAL,
                        "call to 'delete_note' of plugin 'notes' requires approval by policy.rules[1] in " + HOME,
                        "policy.rules[1] in " + HOME));
    }

    @Test
    void ruleGlobsMatchTheWholeNameWithStarAndQuestionMark() {
        PolicyEngine engine = engine(
                withRules(rule("rm?", "corp-*", Action.DENY, null, 0), rule("*_all", null, Action.DENY, null, 1)));

        assertThat(engine.evaluate(call("corp-files", "rmx", false, null)).verdict())
                .isEqualTo(Verdict.DENY);
        assertThat(engine.evaluate(call("corp-files", "rm", false, null)).verdict())
                .isEqualTo(Verdict.ALLOW);
        assertThat(engine.evaluate(call("corp-files", "rmxx", false, null)).verdict())
                .isEqualTo(Verdict.ALLOW);
        assertThat(engine.evaluate(call("files", "rmx", false, null)).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(engine.evaluate(call("files", "drop_all", false, null)).reason())
                .isEqualTo("call to 'drop_all' of plugin 'files' is denied by policy.rules[1] in " + HOME);
        assertThat(engine.evaluate(call("files", "drop_all_now", false, null)).verdict())
                .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void allowRuleSkipsTheDestructiveAndCostChecks() {
        PolicyEngine engine = engine(withRules(rule("purge", "files", Action.ALLOW, null, 0)));

        PolicyDecision decision = engine.evaluate(call("files", "purge", true, "9.99"));

        assertThat(decision).isEqualTo(new PolicyDecision(Verdict.ALLOW, null, "policy.rules[0] in " + HOME));
        assertThat(engine.evaluate(call("other", "purge", true, null)).verdict())
                .isEqualTo(Verdict.REQUIRES_APPROVAL);
    }

    @Test
    void requireApprovalRuleStillLetsBuiltInsDeny() {
        PolicyEngine engine = new PolicyEngine(
                new PolicySettings(
                        Action.DENY,
                        null,
                        null,
                        Action.REQUIRE_APPROVAL,
                        List.of(),
                        List.of(rule("*", null, Action.REQUIRE_APPROVAL, "everything is watched", 0))),
                NOTHING_SPENT,
                NOON,
                List::of);

        assertThat(engine.evaluate(call("files", "purge", true, null)).source()).isEqualTo("policy.destructive");
        assertThat(engine.evaluate(call("files", "list", false, null)).reason()).isEqualTo("everything is watched");
    }

    // --- extension rules of trusted plugins

    private static PolicyEngine.Extension extension(String plugin, String name, PolicyVerdict verdict) {
        return new PolicyEngine.Extension(plugin, PolicyRule.of(name, call -> verdict));
    }

    @Test
    void extensionCanHoldACallAndItsReasonNamesThePlugin() {
        PolicyDecision decision = engine(
                        TRUSTING,
                        extension("corp-policy", "office-hours", PolicyVerdict.abstain()),
                        extension("corp-policy", "costly", PolicyVerdict.requireApproval("exports need a second look")))
                .evaluate(call("files", "export", false, null));

        assertThat(decision)
                .isEqualTo(new PolicyDecision(
                        Verdict.REQUIRES_APPROVAL,
                        "exports need a second look (policy rule 'costly' of plugin 'corp-policy')",
                        "plugin:corp-policy"));
    }

    @Test
    void extensionDenialBeatsAnAllowRule() {
        PolicyEngine engine = new PolicyEngine(
                new PolicySettings(
                        Action.REQUIRE_APPROVAL,
                        null,
                        null,
                        Action.REQUIRE_APPROVAL,
                        List.of("corp-policy"),
                        List.of(rule("*", null, Action.ALLOW, null, 0))),
                NOTHING_SPENT,
                NOON,
                () -> List.of(extension("corp-policy", "freeze", PolicyVerdict.deny("change freeze until Monday"))));

        PolicyDecision decision = engine.evaluate(call("files", "delete_file", true, null));

        assertThat(decision)
                .isEqualTo(new PolicyDecision(
                        Verdict.DENY,
                        "change freeze until Monday (policy rule 'freeze' of plugin 'corp-policy')",
                        "plugin:corp-policy"));
    }

    @Test
    void extensionThatThrowsDeniesTheCall() {
        PolicyRule broken = PolicyRule.of("office-hours", call -> {
            throw new IllegalStateException("no calendar");
        });

        PolicyDecision decision = engine(TRUSTING, new PolicyEngine.Extension("corp-policy", broken))
                .evaluate(call("files", "read_file", false, null));

        assertThat(decision)
                .isEqualTo(new PolicyDecision(
                        Verdict.DENY,
                        "policy rule 'office-hours' of plugin 'corp-policy' failed (IllegalStateException: no"
                                + " calendar), so the call is denied; fix or update the plugin, or remove it from"
                                + " [policy] trusted",
                        "plugin:corp-policy"));
    }

    @Test
    void extensionThatReturnsNullDeniesTheCall() {
        PolicyDecision decision = engine(
                        TRUSTING, new PolicyEngine.Extension("corp-policy", PolicyRule.of("lazy", call -> null)))
                .evaluate(call("files", "read_file", false, null));

        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.reason())
                .startsWith("policy rule 'lazy' of plugin 'corp-policy' returned no verdict, so the call is denied");
    }

    @Test
    void extensionSeesTheCallAndIsSkippedOnceTheCallIsDenied() {
        List<PolicyCheck> seen = new ArrayList<>();
        PolicyRule recording = PolicyRule.of("recorder", call -> {
            seen.add(call);
            return PolicyVerdict.abstain();
        });
        PolicyEngine engine = new PolicyEngine(
                settings(Action.DENY, null, null, Action.REQUIRE_APPROVAL),
                NOTHING_SPENT,
                NOON,
                () -> List.of(new PolicyEngine.Extension("corp-policy", recording)));

        engine.evaluate(new PolicyRequest(
                "mcp", "deepl", "translate", false, new BigDecimal("0.3"), Map.of("text", "hallo"), false));
        engine.evaluate(call("files", "delete_file", true, null));

        assertThat(seen)
                .containsExactly(new PolicyCheck(
                        "deepl", "translate", false, new BigDecimal("0.3"), Map.of("text", "hallo"), "mcp"));
    }

    @Test
    void extensionOfAPluginThatIsNotTrustedIsIgnored() {
        PolicyDecision decision = engine(TRUSTING, extension("random-plugin", "grief", PolicyVerdict.deny("no")))
                .evaluate(call("files", "read_file", false, null));

        assertThat(decision).isSameAs(PolicyDecision.allow());
    }

    @Test
    void extensionsThatCannotBeReadDenyTheCall() {
        PolicyEngine engine = new PolicyEngine(TRUSTING, NOTHING_SPENT, NOON, () -> {
            throw new IllegalStateException("registry closed");
        });

        PolicyDecision decision = engine.evaluate(call("files", "read_file", false, null));

        assertThat(decision)
                .isEqualTo(new PolicyDecision(
                        Verdict.DENY,
                        "the policy rules of trusted plugins cannot be read (IllegalStateException: registry"
                                + " closed), so the call is denied",
                        "policy.trusted"));
    }

    // --- confirmation by a person

    @Test
    void confirmationTurnsAHoldIntoAnAllowThatKeepsTheReason() {
        PolicyDecision decision =
                engine(PolicySettings.defaults()).evaluate(confirmed(call("files", "delete_file", true, null)));

        assertThat(decision.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(decision.source()).isEqualTo("policy.destructive");
        assertThat(decision.reason())
                .isEqualTo("approved by a person for this call: tool 'delete_file' of plugin 'files' is marked"
                        + " destructive; policy requires approval for destructive tools" + DESTRUCTIVE_HINT);
    }

    @Test
    void confirmationNeverTurnsADenial() {
        PolicyEngine byConfig = engine(settings(Action.DENY, null, null, Action.REQUIRE_APPROVAL));
        PolicyEngine byExtension = engine(TRUSTING, extension("corp-policy", "freeze", PolicyVerdict.deny("frozen")));

        assertThat(byConfig.evaluate(confirmed(call("files", "delete_file", true, null)))
                        .verdict())
                .isEqualTo(Verdict.DENY);
        assertThat(byExtension.evaluate(confirmed(call("files", "delete_file", true, null))))
                .isEqualTo(new PolicyDecision(
                        Verdict.DENY, "frozen (policy rule 'freeze' of plugin 'corp-policy')", "plugin:corp-policy"));
    }

    @Test
    void confirmationDoesNotSkipExtensionsThatDeny() {
        PolicyDecision decision = engine(TRUSTING, extension("corp-policy", "freeze", PolicyVerdict.deny("frozen")))
                .evaluate(confirmed(call("files", "read_file", false, null)));

        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
    }

    // --- helpers

    private record Spend(Instant at, String cost) {}

    /** Returns a ledger of {@code spends} as it stands at {@code now}. */
    private static SpendingLedger ledger(List<Spend> spends, Clock now) {
        return since -> spends.stream()
                .filter(s -> !s.at().isBefore(since) && s.at().isBefore(now.instant()))
                .map(s -> new BigDecimal(s.cost()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Clock clock(String instant, ZoneId zone) {
        return Clock.fixed(Instant.parse(instant), zone);
    }
}
