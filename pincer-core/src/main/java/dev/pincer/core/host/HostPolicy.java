package dev.pincer.core.host;

import dev.pincer.api.PluginException;
import dev.pincer.api.Registration;
import dev.pincer.api.policy.PolicyRule;
import dev.pincer.api.policy.PolicyVerdict;
import dev.pincer.core.config.PolicySettings;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.policy.PolicyEngine;
import dev.pincer.core.policy.SpendingLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Holds the policy in force: the engine built from the {@code [policy]} config, and the rules that
 * trusted plugins add to it. A plugin rule runs through the {@link Guard} with the plugin's hook
 * time limit; one that fails or takes too long denies the call.
 *
 * <p>Thread-safe.
 */
final class HostPolicy {

    private final SpendingLedger ledger;
    private final Clock clock;
    private final Guard guard;
    private final List<PolicyEngine.Extension> rules = new CopyOnWriteArrayList<>();
    private volatile PolicySettings settings;
    private volatile PolicyEngine engine;

    HostPolicy(SpendingLedger ledger, Clock clock, Guard guard) {
        this.ledger = ledger;
        this.clock = clock;
        this.guard = guard;
        configure(PolicySettings.defaults());
    }

    /** Puts {@code next} in force for the calls that start from now on. */
    void configure(PolicySettings next) {
        settings = next;
        engine = new PolicyEngine(next, ledger, clock, () -> rules);
    }

    PolicyEngine engine() {
        return engine;
    }

    /**
     * Checks that {@code pluginId} may add policy rules.
     *
     * @throws PluginException when the plugin is not in {@code [policy] trusted}
     */
    void requireTrusted(String pluginId) {
        if (!settings.trusts(pluginId)) {
            throw new PluginException(
                    "policy.untrusted",
                    "plugin '" + pluginId + "' may not add policy rules: it is not trusted; a person adds it to"
                            + " [policy] trusted in config.toml to allow that");
        }
    }

    /**
     * Adds {@code rule} from {@code pluginId}.
     *
     * @throws PluginException when the plugin is not in {@code [policy] trusted}
     */
    Registration add(String pluginId, PolicyRule rule, ClassLoader loader, Duration timeout) {
        requireTrusted(pluginId);
        PolicyRule guarded = PolicyRule.of(rule.name(), check -> {
            Outcome<PolicyVerdict> verdict = guard.call(pluginId, Phase.HOOK, loader, timeout, () -> rule.check(check));
            if (verdict instanceof Outcome.Ok<PolicyVerdict> ok) {
                return ok.value();
            }
            return PolicyVerdict.deny("policy rule '" + rule.name() + "' of plugin '" + pluginId + "' did not answer: "
                    + HostReports.message(verdict));
        });
        PolicyEngine.Extension extension = new PolicyEngine.Extension(pluginId, guarded);
        rules.add(extension);
        return () -> rules.remove(extension);
    }
}
