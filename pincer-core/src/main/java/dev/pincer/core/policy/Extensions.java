package dev.pincer.core.policy;

import dev.pincer.api.policy.PolicyCheck;
import dev.pincer.api.policy.PolicyVerdict;
import dev.pincer.core.policy.PolicyDecision.Verdict;

/**
 * Asks one trusted plugin's policy rule about a call and turns its answer into a decision, failing
 * closed: a rule that throws or answers {@code null} denies the call.
 *
 * <p>Stateless and thread-safe.
 */
final class Extensions {

    private Extensions() {}

    /** Returns the rule's finding, or {@code null} when it abstains. */
    static PolicyDecision ask(PolicyEngine.Extension extension, PolicyCheck check) {
        String source = "plugin:" + extension.pluginId();
        PolicyVerdict verdict;
        try {
            verdict = extension.rule().check(check);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return new PolicyDecision(
                    Verdict.DENY,
                    describe(extension) + " failed (" + describe(e) + "), so the call is denied" + fix(),
                    source);
        }
        if (verdict == null) {
            return new PolicyDecision(
                    Verdict.DENY, describe(extension) + " returned no verdict, so the call is denied" + fix(), source);
        }
        if (verdict instanceof PolicyVerdict.Deny deny) {
            return new PolicyDecision(Verdict.DENY, deny.reason() + " (" + describe(extension) + ")", source);
        }
        if (verdict instanceof PolicyVerdict.RequireApproval hold) {
            return new PolicyDecision(
                    Verdict.REQUIRES_APPROVAL, hold.reason() + " (" + describe(extension) + ")", source);
        }
        return null;
    }

    /** Returns the exception as {@code SimpleName: message}, or its class name when it has no message. */
    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String describe(PolicyEngine.Extension extension) {
        return "policy rule '" + name(extension) + "' of plugin '" + extension.pluginId() + "'";
    }

    private static String name(PolicyEngine.Extension extension) {
        try {
            String name = extension.rule().name();
            return name == null || name.isBlank() ? extension.rule().getClass().getName() : name;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return extension.rule().getClass().getName();
        }
    }

    private static String fix() {
        return "; fix or update the plugin, or remove it from [policy] trusted";
    }
}
