package dev.pincer.core.config;

import dev.pincer.core.config.PolicySettings.Action;
import dev.pincer.core.diagnostics.Diagnostic;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code [policy]} and {@code [network]} from the home and workspace config files and merges
 * them so that the workspace can only tighten: its rules come after home's and may not allow, its
 * {@code destructive} and {@code over_limit} may only be stricter, its limits only lower, and
 * {@code trusted} and {@code private_hosts} are home-only. Each loosening attempt is a warning
 * naming the key and is ignored.
 *
 * <p>The trees were checked against the config schema, so values have the right types. Stateless
 * and thread-safe.
 */
final class PolicyMerge {

    static final String LOOSENED = "config.policy-loosened";

    /**
     * Carries the merged sections.
     *
     * @param policy the effective {@code [policy]}
     * @param network the effective {@code [network]}
     */
    record Result(
            PolicySettings policy,
            NetworkSettings network,
            SandboxSettings sandbox,
            GatewaySettings gateway,
            ReloadSettings reload,
            SkillSettings skills,
            AgentSettings agent,
            AuditSettings audit) {}

    private PolicyMerge() {}

    /**
     * Returns the merged sections.
     *
     * @param home the home file's tree, or {@code null} when it is missing or unusable
     * @param workspace the workspace file's tree, or {@code null} when it is missing or unusable
     * @param userHome the user's home folder, for {@code ~/} in paths, or {@code null} when unknown
     */
    static Result merge(
            JsonNode home,
            Path homeFile,
            JsonNode workspace,
            Path workspaceFile,
            String userHome,
            List<Diagnostic> diagnostics) {
        PolicySettings policy = home == null ? PolicySettings.defaults() : fromHome(home.path("policy"), homeFile);
        NetworkSettings network =
                home == null ? NetworkSettings.defaults() : network(home.path("network"), homeFile, diagnostics);
        SandboxSettings sandbox = home == null ? SandboxSettings.defaults() : sandbox(home.path("sandbox"));
        GatewaySettings gateway = home == null ? GatewaySettings.defaults() : gateway(home.path("gateway"));
        ReloadSettings reload = home == null ? ReloadSettings.defaults() : reload(home.path("reload"));
        SkillSettings skills =
                home == null ? SkillSettings.defaults() : skills(home.path("skills"), homeFile, userHome);
        AgentSettings agent = home == null ? AgentSettings.defaults() : agent(home.path("agent"));
        AuditSettings audit = home == null
                ? AuditSettings.defaults()
                : new AuditSettings(home.path("audit").path("keep_days").asInt(AuditSettings.DEFAULT_KEEP_DAYS));
        if (workspace != null) {
            policy = new Tightening(policy, home == null ? null : home.path("policy"), homeFile, workspaceFile)
                    .apply(workspace, diagnostics);
        }
        return new Result(policy, network, sandbox, gateway, reload, skills, agent, audit);
    }

    /** Reads {@code [agent]}; the schema has checked every value's form and range already. */
    private static AgentSettings agent(JsonNode node) {
        AgentSettings d = AgentSettings.defaults();
        return new AgentSettings(
                node.path("provider").asString(d.provider()),
                node.path("model").asString(d.model()),
                node.path("max_steps").asInt(d.maxSteps()),
                dev.pincer.core.manifest.Durations.parse(
                                node.path("turn_timeout").asString(null))
                        .orElse(d.turnTimeout()),
                dev.pincer.core.manifest.Durations.parse(
                                node.path("session_idle").asString(null))
                        .orElse(d.sessionIdle()),
                node.path("history").asInt(d.history()),
                node.path("soul").asString(d.soul()),
                node.path("stream").asBoolean(d.stream()));
    }

    private static ReloadSettings reload(JsonNode node) {
        ReloadSettings d = ReloadSettings.defaults();
        return new ReloadSettings(
                ReloadSettings.Strategy.of(node.path("strategy").asString("")).orElse(d.strategy()),
                dev.pincer.core.manifest.Durations.parse(node.path("debounce").asString(null))
                        .orElse(d.debounce()),
                node.path("watch").asBoolean(d.watch()));
    }

    /** Reads {@code [skills]}; a relative or {@code ~/} workspace path is taken from the home folder. */
    private static SkillSettings skills(JsonNode node, Path homeFile, String userHome) {
        SkillSettings d = SkillSettings.defaults();
        Path base = homeFile.toAbsolutePath().getParent();
        List<Path> trusted = new ArrayList<>();
        node.path("trusted_workspaces").forEach(w -> {
            String text = w.asString();
            trusted.add(
                    text.startsWith("~/") && userHome != null
                            ? Path.of(userHome, text.substring(2))
                            : base.resolve(text));
        });
        JsonNode proposals = node.path("proposals");
        return new SkillSettings(
                trusted,
                proposals.path("enabled").asBoolean(d.proposals()),
                proposals.path("length").asInt(d.proposalLength()),
                proposals.path("repeats").asInt(d.proposalRepeats()));
    }

    private static GatewaySettings gateway(JsonNode node) {
        GatewaySettings d = GatewaySettings.defaults();
        List<String> hosts = new ArrayList<>();
        node.path("allowed_hosts").forEach(h -> hosts.add(h.asString()));
        List<String> origins = new ArrayList<>();
        node.path("allowed_origins").forEach(o -> origins.add(o.asString()));
        return new GatewaySettings(
                node.path("host").asString(d.host()),
                node.path("port").asInt(d.port()),
                node.path("token_env").asString(null),
                hosts,
                origins);
    }

    private static SandboxSettings sandbox(JsonNode node) {
        SandboxSettings d = SandboxSettings.defaults();
        return new SandboxSettings(
                size(node, "max_memory", d.maxMemoryBytes()),
                size(node, "max_module", d.maxModuleBytes()),
                size(node, "max_output", d.maxOutputBytes()),
                node.path("max_logs_per_second").asInt(d.maxLogsPerSecond()),
                node.has("max_cpu")
                        ? dev.pincer.core.manifest.Durations.parse(
                                        node.path("max_cpu").asString())
                                .orElseThrow()
                        : d.maxCpu());
    }

    private static long size(JsonNode node, String key, long otherwise) {
        return node.has(key)
                ? dev.pincer.core.manifest.Sizes.parse(node.path(key).asString())
                        .orElseThrow()
                : otherwise;
    }

    private static PolicySettings fromHome(JsonNode node, Path file) {
        PolicySettings defaults = PolicySettings.defaults();
        return new PolicySettings(
                action(node, "destructive", defaults.destructive()),
                decimal(node, "max_call_cost"),
                decimal(node, "daily_budget"),
                action(node, "over_limit", defaults.overLimit()),
                strings(node.path("trusted")),
                rules(node.path("rules"), file));
    }

    /** Reads {@code [network]}; an {@code http_timeout} over the ceiling is lowered to it, with a warning. */
    private static NetworkSettings network(JsonNode node, Path homeFile, List<Diagnostic> diagnostics) {
        List<NetworkSettings.HostPort> hosts = new ArrayList<>();
        node.path("private_hosts").forEach(h -> hosts.add(NetworkSettings.HostPort.parse(h.asString())));
        Duration timeout = dev.pincer.core.manifest.Durations.parse(
                        node.path("http_timeout").asString(null))
                .orElse(NetworkSettings.DEFAULT_HTTP_TIMEOUT);
        if (timeout.compareTo(NetworkSettings.MAX_HTTP_TIMEOUT) > 0 || timeout.isZero()) {
            Duration used = timeout.isZero() ? NetworkSettings.DEFAULT_HTTP_TIMEOUT : NetworkSettings.MAX_HTTP_TIMEOUT;
            diagnostics.add(Diagnostic.warning(
                    "config.http-timeout",
                    null,
                    homeFile,
                    "[network] http_timeout = \"" + node.path("http_timeout").asString()
                            + "\" is outside 1ms to 10m; plugins' HTTP requests are limited to "
                            + used.toSeconds() + "s instead",
                    "set a value from \"1s\" to \"10m\" in " + homeFile));
            timeout = used;
        }
        return new NetworkSettings(hosts, timeout);
    }

    static List<PolicySettings.Rule> rules(JsonNode array, Path file) {
        List<PolicySettings.Rule> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode rule = array.get(i);
            rules.add(new PolicySettings.Rule(
                    rule.path("tool").asString(null),
                    rule.path("plugin").asString(null),
                    action(rule, "action", null),
                    rule.path("reason").asString(null),
                    file,
                    i));
        }
        return rules;
    }

    static Action action(JsonNode node, String key, Action fallback) {
        JsonNode value = node.get(key);
        return value == null ? fallback : Action.fromLabel(value.asString()).orElseThrow();
    }

    static BigDecimal decimal(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null ? null : value.decimalValue();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    /** Applies one workspace file over the home policy, refusing every loosening. */
    private static final class Tightening {
        private final PolicySettings base;
        private final JsonNode homePolicy;
        private final Path homeFile;
        private final Path workspaceFile;

        Tightening(PolicySettings base, JsonNode homePolicy, Path homeFile, Path workspaceFile) {
            this.base = base;
            this.homePolicy = homePolicy;
            this.homeFile = homeFile;
            this.workspaceFile = workspaceFile;
        }

        PolicySettings apply(JsonNode workspace, List<Diagnostic> diagnostics) {
            JsonNode node = workspace.path("policy");
            homeOnly(node.has("trusted"), "policy.trusted", "trust plugins to add policy rules", diagnostics);
            homeOnly(
                    workspace.path("network").has("private_hosts"),
                    "network.private_hosts",
                    "open private addresses to plugins",
                    diagnostics);
            homeOnly(
                    workspace.path("network").has("http_timeout"),
                    "network.http_timeout",
                    "change how long plugins' HTTP requests may take",
                    diagnostics);
            homeOnly(workspace.has("sandbox"), "sandbox", "change the sandbox limits", diagnostics);
            homeOnly(workspace.has("gateway"), "gateway", "change where the gateway listens", diagnostics);
            homeOnly(workspace.has("reload"), "reload", "change how a running Pincer reloads", diagnostics);
            homeOnly(workspace.has("agent"), "agent", "choose the agent's provider or change its limits", diagnostics);
            homeOnly(workspace.has("audit"), "audit", "change how long audit records are kept", diagnostics);
            homeOnly(workspace.has("skills"), "skills", "trust a workspace or turn on skill proposals", diagnostics);
            homeOnly(
                    workspace.path("plugins").has("indexes"),
                    "plugins.indexes",
                    "name the plugin indexes to install from",
                    diagnostics);
            Action destructive = stricterAction(node, "destructive", base.destructive(), diagnostics);
            Action overLimit = stricterAction(node, "over_limit", base.overLimit(), diagnostics);
            BigDecimal maxCallCost = lowerLimit(node, "max_call_cost", base.maxCallCost(), diagnostics);
            BigDecimal dailyBudget = lowerLimit(node, "daily_budget", base.dailyBudget(), diagnostics);
            List<PolicySettings.Rule> rules = new ArrayList<>(base.rules());
            for (PolicySettings.Rule rule : rules(node.path("rules"), workspaceFile)) {
                if (rule.action() == Action.ALLOW) {
                    diagnostics.add(Diagnostic.warning(
                            LOOSENED,
                            null,
                            workspaceFile,
                            "policy.rules[" + rule.index() + "].action = \"allow\" in " + workspaceFile
                                    + " is ignored with its rule: a workspace may only tighten policy,"
                                    + " and an allow rule skips the destructive and cost checks",
                            "use \"require-approval\" or \"deny\" here, or put the rule in " + homeFile));
                } else {
                    rules.add(rule);
                }
            }
            return new PolicySettings(destructive, maxCallCost, dailyBudget, overLimit, base.trusted(), rules);
        }

        private Action stricterAction(JsonNode node, String key, Action current, List<Diagnostic> diagnostics) {
            Action wanted = action(node, key, null);
            if (wanted == null) {
                return current;
            }
            if (current.stricterThan(wanted)) {
                loosened(
                        key,
                        "\"" + wanted.label() + "\"",
                        "\"" + current.label() + "\"",
                        "a value at least as strict as \"" + current.label() + "\" (or leave the key out)",
                        diagnostics);
                return current;
            }
            return wanted;
        }

        private BigDecimal lowerLimit(JsonNode node, String key, BigDecimal current, List<Diagnostic> diagnostics) {
            BigDecimal wanted = decimal(node, key);
            if (wanted == null) {
                return current;
            }
            if (current != null && wanted.compareTo(current) > 0) {
                loosened(
                        key,
                        wanted.toPlainString(),
                        current.toPlainString(),
                        "a limit of at most " + current.toPlainString() + " (or leave the key out)",
                        diagnostics);
                return current;
            }
            return wanted;
        }

        private void loosened(String key, String wanted, String current, String instead, List<Diagnostic> diagnostics) {
            boolean fromHome = homePolicy != null && homePolicy.has(key);
            diagnostics.add(Diagnostic.warning(
                    LOOSENED,
                    null,
                    workspaceFile,
                    "policy." + key + " = " + wanted + " in " + workspaceFile + " would loosen "
                            + (fromHome
                                    ? "policy." + key + " = " + current + " of " + homeFile
                                    : "the default " + current)
                            + ", so it is ignored: a workspace may only tighten policy",
                    "set " + instead + " here, or change policy." + key + " in " + homeFile));
        }

        private void homeOnly(boolean present, String key, String what, List<Diagnostic> diagnostics) {
            if (present) {
                diagnostics.add(Diagnostic.warning(
                        LOOSENED,
                        null,
                        workspaceFile,
                        key + " in " + workspaceFile + " is ignored: only the home config may " + what,
                        "move it to " + homeFile));
            }
        }
    }
}
