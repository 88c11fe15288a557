package dev.pincer.core.reload;

import static dev.pincer.core.reload.ChangeList.bytes;
import static dev.pincer.core.reload.ChangeList.ids;
import static dev.pincer.core.reload.ChangeList.in;
import static dev.pincer.core.reload.ChangeList.text;

import dev.pincer.core.config.AgentSettings;
import dev.pincer.core.config.ConfiguredPath;
import dev.pincer.core.config.GatewaySettings;
import dev.pincer.core.config.PincerConfig;
import dev.pincer.core.config.PolicySettings;
import dev.pincer.core.config.ReloadSettings;
import dev.pincer.core.config.SandboxSettings;
import dev.pincer.core.config.SkillSettings;
import dev.pincer.core.reload.ConfigChange.Area;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists every difference between two configurations, section by section, in a fixed order:
 * plugins, policy, skills, then the sections that need a restart. Stateless and thread-safe.
 */
final class ConfigDiff {

    private final Path homeConfig;

    /** Creates a diff that names {@code homeConfig} for the sections only the home file may set. */
    ConfigDiff(Path homeConfig) {
        this.homeConfig = homeConfig;
    }

    List<ConfigChange> between(PincerConfig a, PincerConfig b) {
        ChangeList out = new ChangeList();
        allow(a, b, out);
        deny(a, b, out);
        entries(a, b, out);
        slots(a, b, out);
        policy(a.policy(), b.policy(), out);
        skills(a.skills(), b.skills(), out);
        paths(a.paths(), b.paths(), out);
        out.members(
                "network.private_hosts",
                a.network().privateHosts(),
                b.network().privateHosts(),
                Area.NETWORK,
                homeConfig);
        out.scalar(
                "network.http_timeout", a.network().httpTimeout(), b.network().httpTimeout(), Area.NETWORK, homeConfig);
        sandbox(a.sandbox(), b.sandbox(), out);
        gateway(a.gateway(), b.gateway(), out);
        reload(a.reload(), b.reload(), out);
        agent(a.agent(), b.agent(), out);
        out.scalar("audit.keep_days", a.audit().keepDays(), b.audit().keepDays(), Area.AUDIT, homeConfig);
        return out.toList();
    }

    private static void allow(PincerConfig a, PincerConfig b, ChangeList out) {
        Set<String> before = a.allow() == null ? null : new TreeSet<>(a.allow());
        Set<String> after = b.allow() == null ? null : new TreeSet<>(b.allow());
        if (Objects.equals(before, after)) {
            return;
        }
        if (before == null) {
            out.addForEveryPlugin(
                    "plugins.allow",
                    "plugins.allow set to " + after + in(b.allowOrigins())
                            + "; only the plugins listed may be enabled");
        } else if (after == null) {
            out.addForEveryPlugin(
                    "plugins.allow", "plugins.allow removed (was " + before + "); every plugin may be enabled again");
        } else {
            out.members("plugins.allow", before, after, Area.PLUGINS, null, ChangeList::ids);
        }
    }

    private static void deny(PincerConfig a, PincerConfig b, ChangeList out) {
        b.deny().forEach((id, origin) -> {
            if (!a.deny().containsKey(id)) {
                out.add("plugins.deny", "plugins.deny gained '" + id + "'" + in(origin), Area.PLUGINS, ids(id));
            }
        });
        a.deny().forEach((id, origin) -> {
            if (!b.deny().containsKey(id)) {
                out.add(
                        "plugins.deny",
                        "plugins.deny lost '" + id + "' (was" + in(origin) + ")",
                        Area.PLUGINS,
                        ids(id));
            }
        });
    }

    private static void entries(PincerConfig a, PincerConfig b, ChangeList out) {
        Set<String> all = new TreeSet<>(a.entries().keySet());
        all.addAll(b.entries().keySet());
        PincerConfig.Entry none = new PincerConfig.Entry(null, null, null, null, null);
        for (String id : all) {
            PincerConfig.Entry x = a.entries().getOrDefault(id, none);
            PincerConfig.Entry y = b.entries().getOrDefault(id, none);
            String key = "plugins.entries." + id;
            if (!Objects.equals(x.enabled(), y.enabled())) {
                out.add(
                        key + ".enabled",
                        valueChange(key + ".enabled", x.enabled(), x.enabledOrigin(), y.enabled(), y.enabledOrigin()),
                        Area.PLUGINS,
                        ids(id));
            }
            if (!Objects.equals(x.config(), y.config())) {
                String what = x.config() == null
                        ? " added" + in(y.configOrigin())
                        : y.config() == null
                                ? " removed (was" + in(x.configOrigin()) + ")"
                                : " changed" + in(y.configOrigin());
                out.add(key + ".config", key + ".config" + what, Area.PLUGINS, ids(id));
            }
            if (!Objects.equals(x.hookTimeout(), y.hookTimeout())) {
                out.add(
                        key + ".hookTimeout",
                        key + ".hookTimeout " + text(x.hookTimeout()) + " -> " + text(y.hookTimeout())
                                + (y.hookTimeout() == null ? " (the host default applies)" : ""),
                        Area.PLUGINS,
                        ids(id));
            }
        }
    }

    private static String valueChange(String key, Object before, Path beforeOrigin, Object after, Path afterOrigin) {
        if (before == null) {
            return key + " set to " + after + in(afterOrigin);
        }
        if (after == null) {
            return key + " unset (was " + before + in(beforeOrigin) + ")";
        }
        return key + " " + before + " -> " + after + in(afterOrigin);
    }

    private static void slots(PincerConfig a, PincerConfig b, ChangeList out) {
        Set<String> all = new TreeSet<>(a.slots().keySet());
        all.addAll(b.slots().keySet());
        for (String slot : all) {
            PincerConfig.Slot x = a.slots().get(slot);
            PincerConfig.Slot y = b.slots().get(slot);
            String before = x == null ? null : x.pluginId();
            String after = y == null ? null : y.pluginId();
            if (!Objects.equals(before, after)) {
                String key = "plugins.slots." + slot;
                out.add(
                        key,
                        valueChange(
                                key,
                                quote(before),
                                x == null ? null : x.origin(),
                                quote(after),
                                y == null ? null : y.origin()),
                        Area.PLUGINS,
                        ids(pluginOrNull(before), pluginOrNull(after)));
            }
        }
    }

    /** Returns {@code value} unless it is a slot word ({@code builtin}, {@code none}) rather than a plugin id. */
    private static String pluginOrNull(String value) {
        return dev.pincer.core.config.Enablement.BUILTIN.equals(value)
                        || dev.pincer.core.config.Enablement.NONE.equals(value)
                ? null
                : value;
    }

    private static String quote(String id) {
        return id == null ? null : "'" + id + "'";
    }

    private static void policy(PolicySettings a, PolicySettings b, ChangeList out) {
        out.scalar(
                "policy.destructive", a.destructive().label(), b.destructive().label(), Area.POLICY, null);
        out.scalar("policy.max_call_cost", a.maxCallCost(), b.maxCallCost(), Area.POLICY, null);
        out.scalar("policy.daily_budget", a.dailyBudget(), b.dailyBudget(), Area.POLICY, null);
        out.scalar("policy.over_limit", a.overLimit().label(), b.overLimit().label(), Area.POLICY, null);
        out.members("policy.trusted", a.trusted(), b.trusted(), Area.POLICY, null);
        List<String> before = a.rules().stream().map(ConfigDiff::describe).toList();
        List<String> after = b.rules().stream().map(ConfigDiff::describe).toList();
        if (before.equals(after)) {
            return;
        }
        List<String> left = new ArrayList<>(before);
        for (PolicySettings.Rule rule : b.rules()) {
            if (!left.remove(describe(rule))) {
                out.add(
                        "policy.rules",
                        "policy.rules gained " + describe(rule) + " (" + rule.where() + ")",
                        Area.POLICY,
                        Set.of());
            }
        }
        List<String> right = new ArrayList<>(after);
        for (PolicySettings.Rule rule : a.rules()) {
            if (!right.remove(describe(rule))) {
                out.add(
                        "policy.rules",
                        "policy.rules lost " + describe(rule) + " (was " + rule.where() + ")",
                        Area.POLICY,
                        Set.of());
            }
        }
        if (left.isEmpty() && right.isEmpty()) {
            out.add(
                    "policy.rules",
                    "policy.rules reordered; the first rule that matches decides",
                    Area.POLICY,
                    Set.of());
        }
    }

    private static String describe(PolicySettings.Rule rule) {
        return "tool " + (rule.tool() == null ? "*" : rule.tool()) + " plugin "
                + (rule.plugin() == null ? "*" : rule.plugin()) + " -> "
                + rule.action().label() + (rule.reason() == null ? "" : " \"" + rule.reason() + "\"");
    }

    private void skills(SkillSettings a, SkillSettings b, ChangeList out) {
        out.members("skills.trusted_workspaces", a.trustedWorkspaces(), b.trustedWorkspaces(), Area.SKILLS, homeConfig);
        out.scalar("skills.proposals.enabled", a.proposals(), b.proposals(), Area.SKILLS, homeConfig);
        out.scalar("skills.proposals.length", a.proposalLength(), b.proposalLength(), Area.SKILLS, homeConfig);
        out.scalar("skills.proposals.repeats", a.proposalRepeats(), b.proposalRepeats(), Area.SKILLS, homeConfig);
    }

    private static void paths(List<ConfiguredPath> a, List<ConfiguredPath> b, ChangeList out) {
        List<Path> before = a.stream().map(ConfiguredPath::path).toList();
        List<Path> after = b.stream().map(ConfiguredPath::path).toList();
        if (before.equals(after)) {
            return;
        }
        for (ConfiguredPath p : b) {
            if (!before.contains(p.path())) {
                out.add(
                        "plugins.paths",
                        "plugins.paths gained " + p.path() + in(p.origin()),
                        Area.PLUGIN_PATHS,
                        Set.of());
            }
        }
        for (ConfiguredPath p : a) {
            if (!after.contains(p.path())) {
                out.add(
                        "plugins.paths",
                        "plugins.paths lost " + p.path() + " (was" + in(p.origin()) + ")",
                        Area.PLUGIN_PATHS,
                        Set.of());
            }
        }
        if (new TreeSet<>(before).equals(new TreeSet<>(after))) {
            out.add(
                    "plugins.paths",
                    "plugins.paths reordered: " + before + " -> " + after,
                    Area.PLUGIN_PATHS,
                    Set.of());
        }
    }

    private void sandbox(SandboxSettings a, SandboxSettings b, ChangeList out) {
        out.scalar(
                "sandbox.max_memory", bytes(a.maxMemoryBytes()), bytes(b.maxMemoryBytes()), Area.SANDBOX, homeConfig);
        out.scalar(
                "sandbox.max_module", bytes(a.maxModuleBytes()), bytes(b.maxModuleBytes()), Area.SANDBOX, homeConfig);
        out.scalar(
                "sandbox.max_output", bytes(a.maxOutputBytes()), bytes(b.maxOutputBytes()), Area.SANDBOX, homeConfig);
        out.scalar("sandbox.max_logs_per_second", a.maxLogsPerSecond(), b.maxLogsPerSecond(), Area.SANDBOX, homeConfig);
        out.scalar("sandbox.max_cpu", a.maxCpu(), b.maxCpu(), Area.SANDBOX, homeConfig);
    }

    private void gateway(GatewaySettings a, GatewaySettings b, ChangeList out) {
        out.scalar("gateway.host", a.host(), b.host(), Area.GATEWAY, homeConfig);
        out.scalar("gateway.port", a.port(), b.port(), Area.GATEWAY, homeConfig);
        out.scalar("gateway.token_env", a.tokenEnv(), b.tokenEnv(), Area.GATEWAY, homeConfig);
        out.members("gateway.allowed_hosts", a.allowedHosts(), b.allowedHosts(), Area.GATEWAY, homeConfig);
        out.members("gateway.allowed_origins", a.allowedOrigins(), b.allowedOrigins(), Area.GATEWAY, homeConfig);
    }

    private void agent(AgentSettings a, AgentSettings b, ChangeList out) {
        out.scalar("agent.provider", a.provider(), b.provider(), Area.AGENT, homeConfig);
        out.scalar("agent.model", a.model(), b.model(), Area.AGENT, homeConfig);
        out.scalar("agent.max_steps", a.maxSteps(), b.maxSteps(), Area.AGENT, homeConfig);
        out.scalar("agent.turn_timeout", a.turnTimeout(), b.turnTimeout(), Area.AGENT, homeConfig);
        out.scalar("agent.session_idle", a.sessionIdle(), b.sessionIdle(), Area.AGENT, homeConfig);
        out.scalar("agent.history", a.history(), b.history(), Area.AGENT, homeConfig);
        out.scalar("agent.soul", a.soul(), b.soul(), Area.AGENT, homeConfig);
        out.scalar("agent.stream", a.stream(), b.stream(), Area.AGENT, homeConfig);
    }

    private void reload(ReloadSettings a, ReloadSettings b, ChangeList out) {
        out.scalar("reload.strategy", a.strategy().label(), b.strategy().label(), Area.RELOAD, homeConfig);
        out.scalar("reload.debounce", a.debounce(), b.debounce(), Area.RELOAD, homeConfig);
        out.scalar("reload.watch", a.watch(), b.watch(), Area.RELOAD, homeConfig);
    }
}
