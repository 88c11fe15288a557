/**
 * Policy rules that a trusted plugin adds to the host's tool-call policy.
 *
 * <p>Pincer checks every tool call against its policy before any plugin hook sees it: rules from
 * the configuration, then its built-in checks (tools marked destructive, declared cost against the
 * spending limits), then the {@link dev.pincer.api.policy.PolicyRule}s of plugins that the home
 * configuration names in {@code [policy] trusted}. A plugin's rule answers each {@link
 * dev.pincer.api.policy.PolicyCheck} with a {@link dev.pincer.api.policy.PolicyVerdict}, which can
 * only tighten: abstain, require a person's approval, or deny. There is no verdict that allows a
 * call the rest of the policy holds or denies. The most restrictive answer wins; a rule that
 * throws or returns {@code null} denies the call, so a broken rule never lets a call through.
 *
 * @since 0.1.0
 */
package dev.pincer.api.policy;
