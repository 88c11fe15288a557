package dev.pincer.core.policy;

import dev.pincer.core.config.PolicySettings;
import dev.pincer.core.policy.PolicyDecision.Verdict;

/**
 * One {@code [[policy.rules]]} entry with its globs compiled and its source text built, so that
 * matching on the per-call path neither parses nor allocates, and an allow rule's decision is
 * shared by every call it matches.
 *
 * <p>Immutable and thread-safe.
 */
final class ConfiguredRule {

    private final Glob tool;
    private final Glob plugin;
    private final PolicySettings.Rule rule;
    private final Verdict verdict;
    private final String source;
    private final PolicyDecision allow;

    private ConfiguredRule(PolicySettings.Rule rule) {
        this.tool = rule.tool() == null ? null : Glob.of(rule.tool());
        this.plugin = rule.plugin() == null ? null : Glob.of(rule.plugin());
        this.rule = rule;
        this.verdict = PolicyEngine.verdictOf(rule.action());
        this.source = rule.where();
        this.allow = verdict == Verdict.ALLOW ? new PolicyDecision(Verdict.ALLOW, null, source) : null;
    }

    /** Returns the rule compiled. */
    static ConfiguredRule of(PolicySettings.Rule rule) {
        return new ConfiguredRule(rule);
    }

    /** Returns whether the rule applies to a call of {@code toolName} owned by {@code pluginId}. */
    boolean matches(String pluginId, String toolName) {
        return (tool == null || tool.matches(toolName)) && (plugin == null || plugin.matches(pluginId));
    }

    /** Returns whether the rule allows, which skips the built-in checks. */
    boolean allows() {
        return allow != null;
    }

    /** Returns what the rule decides for {@code request}. */
    PolicyDecision decide(PolicyRequest request) {
        if (allow != null) {
            return allow;
        }
        String reason = rule.reason() != null
                ? rule.reason()
                : "call to '" + request.toolName() + "' of plugin '" + request.pluginId() + "' "
                        + (verdict == Verdict.DENY ? "is denied" : "requires approval") + " by " + source;
        return new PolicyDecision(verdict, reason, source);
    }
}
