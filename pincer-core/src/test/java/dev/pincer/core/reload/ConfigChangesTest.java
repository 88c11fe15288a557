package dev.pincer.core.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.config.PincerConfig;
import dev.pincer.core.config.PolicySettings.Action;
import dev.pincer.core.config.ReloadSettings.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigChangesTest {

    private static final ConfigLoader LOADER = ConfigLoader.create();

    @TempDir
    Path dir;

    private HostLayout layout;
    private ConfigChanges changes;
    private String home;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
        changes = ConfigChanges.forLayout(layout);
        home = layout.homeConfig().toString();
    }

    private PincerConfig running(String homeToml) {
        Fixtures.file(layout.homeConfig(), homeToml);
        ConfigLoadResult result = LOADER.load(layout);
        assertThat(result.diagnostics()).isEmpty();
        return result.config();
    }

    private ReloadPlan edit(PincerConfig running, String homeToml) {
        Fixtures.file(layout.homeConfig(), homeToml);
        return changes.plan(running, LOADER.load(layout));
    }

    private static List<String> described(List<ConfigChange> list) {
        return list.stream().map(ConfigChange::description).toList();
    }

    @Test
    void hybridAppliesWhatIsLiveAndNamesWhatNeedsARestart() {
        PincerConfig running = running(
                """
                [plugins]
                deny = ["old"]
                [plugins.entries.weather.config]
                city = "Oslo"
                [gateway]
                port = 7433
                """);

        ReloadPlan plan = edit(
                running,
                """
                [plugins]
                deny = ["old", "x"]
                [plugins.entries.weather.config]
                city = "Bergen"
                [plugins.entries.news]
                enabled = false
                [gateway]
                port = 8000
                """);

        assertThat(plan.accepted()).isTrue();
        assertThat(plan.strategy()).isEqualTo(Strategy.HYBRID);
        assertThat(plan.lines())
                .containsExactly(
                        "config reloaded (strategy hybrid): 3 changes applied, 1 needs a restart",
                        "  applied: plugins.deny gained 'x' in " + home,
                        "  applied: plugins.entries.news.enabled set to false in " + home,
                        "  applied: plugins.entries.weather.config changed in " + home,
                        "  restart needed: gateway.port 7433 -> 8000 in " + home);
        assertThat(plan.pluginIds()).containsExactly("news", "weather", "x");
        assertThat(plan.everyPlugin()).isFalse();
        assertThat(plan.restartRequired()).isTrue();
        assertThat(plan.policyChanged()).isFalse();
        assertThat(plan.config().deny()).containsKeys("old", "x");
        assertThat(plan.config()
                        .entry("weather")
                        .orElseThrow()
                        .config()
                        .path("city")
                        .asString())
                .isEqualTo("Bergen");
        assertThat(plan.config().gateway().port()).isEqualTo(7433);
    }

    @Test
    void hotAppliesWhatIsLiveAndReportsTheRestAsNotApplied() {
        PincerConfig running = running(
                """
                [reload]
                strategy = "hot"
                [policy]
                destructive = "require-approval"
                """);

        ReloadPlan plan = edit(
                running,
                """
                [reload]
                strategy = "hot"
                [policy]
                destructive = "deny"
                [sandbox]
                max_memory = "512MiB"
                """);

        assertThat(plan.lines())
                .containsExactly(
                        "config reloaded (strategy hot): 1 change applied, 1 cannot be applied live",
                        "  applied: policy.destructive require-approval -> deny",
                        "  not applied: sandbox.max_memory 256MiB -> 512MiB in " + home
                                + " (cannot be applied live; restart to apply)");
        assertThat(plan.policyChanged()).isTrue();
        assertThat(plan.restartRequired()).isFalse();
        assertThat(plan.config().policy().destructive()).isEqualTo(Action.DENY);
        assertThat(plan.config().sandbox()).isEqualTo(running.sandbox());
    }

    @Test
    void restartAppliesNothingAndListsEveryChange() {
        PincerConfig running =
                running("""
                [reload]
                strategy = "restart"
                """);

        ReloadPlan plan = edit(
                running,
                """
                [reload]
                strategy = "restart"
                [plugins]
                deny = ["x"]
                [gateway]
                allowed_hosts = ["pincer.lan"]
                """);

        assertThat(plan.accepted()).isTrue();
        assertThat(plan.lines())
                .containsExactly(
                        "config changed (strategy restart): nothing applied; restart Pincer to apply 2 changes",
                        "  changed: plugins.deny gained 'x' in " + home,
                        "  changed: gateway.allowed_hosts gained 'pincer.lan' in " + home);
        assertThat(plan.applied()).isEmpty();
        assertThat(plan.pluginIds()).isEmpty();
        assertThat(plan.restartRequired()).isTrue();
        assertThat(plan.config()).isSameAs(running);
    }

    @Test
    void rejectsATomlSyntaxErrorAndKeepsTheRunningConfig() {
        PincerConfig running = running("[plugins]\ndeny = [\"x\"]\n");

        ReloadPlan plan = edit(running, "[plugins]\ndeny = [\"x\"\n");

        assertThat(plan.rejected()).isTrue();
        assertThat(plan.config()).isSameAs(running);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.brokenFiles()).containsExactly(layout.homeConfig());
        List<String> lines = plan.lines();
        assertThat(lines.get(0))
                .isEqualTo("config change rejected; Pincer keeps running with the config it had: " + home
                        + " cannot be used");
        assertThat(lines.get(1))
                .startsWith("  error: " + home + ": not valid TOML: ")
                .contains("(line ");
        assertThat(lines).last().isEqualTo("  fix the file and save it again; the change is picked up then");
        assertThat(lines).noneMatch(l -> l.contains("every plugin is blocked"));
    }

    @Test
    void rejectsASchemaErrorAndKeepsTheRunningConfig() {
        PincerConfig running = running("[gateway]\nport = 7433\n");

        ReloadPlan plan = edit(running, "[gateway]\nport = 8000\n[reload]\nstrategy = \"hybird\"\n");

        assertThat(plan.rejected()).isTrue();
        assertThat(plan.config()).isSameAs(running);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.lines())
                .containsExactly(
                        "config change rejected; Pincer keeps running with the config it had: " + home
                                + " cannot be used",
                        "  error: " + home + ": 'reload.strategy': 'hybird' is not one of the allowed values"
                                + " (did you mean 'hybrid'? allowed: hot, restart, hybrid)",
                        "  fix the file and save it again; the change is picked up then");
    }

    @Test
    void namesTheWorkspaceFileForAWorkspaceChange() {
        PincerConfig running = running("[plugins.entries.weather]\nenabled = true\n");
        Fixtures.file(layout.workspaceConfig(), "[plugins.entries.weather]\nenabled = false\n");

        ReloadPlan plan = changes.plan(running, LOADER.load(layout));

        assertThat(described(plan.applied()))
                .containsExactly("plugins.entries.weather.enabled true -> false in " + layout.workspaceConfig());
        assertThat(plan.pluginIds()).containsExactly("weather");
    }

    @Test
    void anAllowlistAddedOrRemovedTouchesEveryPlugin() {
        PincerConfig open = running("");
        ReloadPlan added = edit(open, "[plugins]\nallow = [\"b\", \"a\"]\n");

        assertThat(described(added.applied()))
                .containsExactly("plugins.allow set to [a, b] in " + home + "; only the plugins listed may be enabled");
        assertThat(added.everyPlugin()).isTrue();

        ReloadPlan changed = edit(added.config(), "[plugins]\nallow = [\"a\", \"c\"]\n");
        assertThat(described(changed.applied())).containsExactly("plugins.allow gained 'c'", "plugins.allow lost 'b'");
        assertThat(changed.pluginIds()).containsExactly("b", "c");
        assertThat(changed.everyPlugin()).isFalse();

        ReloadPlan removed = edit(changed.config(), "");
        assertThat(described(removed.applied()))
                .containsExactly("plugins.allow removed (was [a, c]); every plugin may be enabled again");
        assertThat(removed.everyPlugin()).isTrue();
    }

    @Test
    void aSlotOrHookTimeoutChangeTouchesThePluginsConcerned() {
        PincerConfig running = running(
                """
                [plugins.slots]
                memory = "sqlite-memory"
                [plugins.entries.weather]
                hookTimeout = "2s"
                """);

        ReloadPlan plan = edit(
                running,
                """
                [plugins.slots]
                memory = "vector-memory"
                [plugins.entries.weather]
                hookTimeout = "500ms"
                """);

        assertThat(described(plan.applied()))
                .containsExactly(
                        "plugins.entries.weather.hookTimeout 2s -> 500ms",
                        "plugins.slots.memory 'sqlite-memory' -> 'vector-memory' in " + home);
        assertThat(plan.pluginIds()).containsExactly("sqlite-memory", "vector-memory", "weather");
        assertThat(plan.config().entry("weather").orElseThrow().hookTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aSlotSetToBuiltinOrNoneNamesNoSuchPluginToReload() {
        PincerConfig running = running("[plugins.slots]\nmemory = \"builtin\"\n");

        ReloadPlan toPlugin = edit(running, "[plugins.slots]\nmemory = \"notes\"\n");
        ReloadPlan toNone = edit(toPlugin.config(), "[plugins.slots]\nmemory = \"none\"\n");

        assertThat(toPlugin.pluginIds()).containsExactly("notes");
        assertThat(toNone.pluginIds()).containsExactly("notes");
        assertThat(described(toNone.applied())).containsExactly("plugins.slots.memory 'notes' -> 'none' in " + home);
    }

    @Test
    void policyRulesLimitsAndTrustApplyLive() {
        PincerConfig running = running(
                """
                [policy]
                max_call_cost = 0.50
                trusted = ["corp-policy"]
                [[policy.rules]]
                tool = "delete_*"
                action = "deny"
                [[policy.rules]]
                tool = "read_*"
                action = "allow"
                """);

        ReloadPlan plan = edit(
                running,
                """
                [policy]
                max_call_cost = 0.5
                daily_budget = 5
                trusted = ["audit-policy"]
                [[policy.rules]]
                tool = "read_*"
                action = "allow"
                [[policy.rules]]
                plugin = "files"
                action = "require-approval"
                reason = "files need a look"
                """);

        assertThat(described(plan.applied()))
                .containsExactly(
                        "policy.daily_budget unset -> 5",
                        "policy.trusted gained 'audit-policy'",
                        "policy.trusted lost 'corp-policy'",
                        "policy.rules gained tool * plugin files -> require-approval \"files need a look\""
                                + " (policy.rules[1] in " + home + ")",
                        "policy.rules lost tool delete_* plugin * -> deny (was policy.rules[0] in " + home + ")");
        assertThat(plan.policyChanged()).isTrue();
        assertThat(plan.notApplied()).isEmpty();
        assertThat(plan.restartRequired()).isFalse();
    }

    @Test
    void rulesInAnotherOrderAreAChange() {
        PincerConfig running = running(
                """
                [[policy.rules]]
                tool = "a"
                action = "deny"
                [[policy.rules]]
                tool = "b"
                action = "allow"
                """);

        ReloadPlan plan = edit(
                running,
                """
                [[policy.rules]]
                tool = "b"
                action = "allow"
                [[policy.rules]]
                tool = "a"
                action = "deny"
                """);

        assertThat(described(plan.applied()))
                .containsExactly("policy.rules reordered; the first rule that matches decides");
    }

    @Test
    void skillSettingsWaitForARestart() {
        PincerConfig running = running("");

        ReloadPlan plan = edit(
                running,
                """
                [skills]
                trusted_workspaces = ["/work/repo"]
                [skills.proposals]
                enabled = true
                repeats = 5
                """);

        assertThat(plan.applied()).isEmpty();
        assertThat(described(plan.notApplied()))
                .containsExactly(
                        "skills.trusted_workspaces gained '" + Path.of("/work/repo") + "' in " + home,
                        "skills.proposals.enabled false -> true in " + home,
                        "skills.proposals.repeats 3 -> 5 in " + home);
        assertThat(plan.restartRequired()).isTrue();
        assertThat(plan.config().skills().proposals()).isFalse();
    }

    @Test
    void newPluginRootsNetworkAndReloadSettingsWaitForARestart() {
        PincerConfig running = running("");

        ReloadPlan plan = edit(
                running,
                """
                [plugins]
                paths = ["dev-plugins"]
                [network]
                private_hosts = ["localhost:11434"]
                [reload]
                strategy = "restart"
                debounce = "1s"
                watch = false
                """);

        assertThat(plan.applied()).isEmpty();
        assertThat(described(plan.notApplied()))
                .containsExactly(
                        "plugins.paths gained " + layout.home().resolve("dev-plugins") + " in " + home,
                        "network.private_hosts gained 'localhost:11434' in " + home,
                        "reload.strategy hybrid -> restart in " + home,
                        "reload.debounce 150ms -> 1s in " + home,
                        "reload.watch true -> false in " + home);
        assertThat(plan.notApplied()).noneMatch(ConfigChange::live);
        assertThat(plan.strategy()).isEqualTo(Strategy.HYBRID);
        assertThat(plan.config().reload().strategy()).isEqualTo(Strategy.HYBRID);
        assertThat(plan.config().paths()).isEmpty();
        assertThat(plan.config().network().privateHosts()).isEmpty();
    }

    @Test
    void aPendingRestartChangeIsListedAgainOnTheNextReload() {
        PincerConfig running = running("[gateway]\nport = 7433\n");
        ReloadPlan first = edit(running, "[gateway]\nport = 8000\n");

        ReloadPlan second = edit(first.config(), "[gateway]\nport = 8000\n[plugins]\ndeny = [\"x\"]\n");

        assertThat(described(second.applied())).containsExactly("plugins.deny gained 'x' in " + home);
        assertThat(described(second.notApplied())).containsExactly("gateway.port 7433 -> 8000 in " + home);
    }

    @Test
    void aRewrittenFileWithTheSameSettingsChangesNothing() {
        PincerConfig running = running("[plugins]\ndeny = [\"x\"]\n");

        ReloadPlan plan = edit(running, "# reformatted\n[plugins]\ndeny = [ \"x\" ]\n");

        assertThat(plan.accepted()).isTrue();
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.lines())
                .containsExactly("config files changed, but the effective config is the same; nothing to do");
        assertThat(plan.config()).isEqualTo(running);
    }

    @Test
    void warningsOfAnAcceptedConfigAreShown() {
        PincerConfig running = running("");
        Fixtures.file(layout.workspaceConfig(), "[network]\nprivate_hosts = [\"localhost:1\"]\n");

        ReloadPlan plan = changes.plan(running, LOADER.load(layout));

        assertThat(plan.accepted()).isTrue();
        assertThat(plan.lines()).anyMatch(l -> l.startsWith("  warning: " + layout.workspaceConfig() + ": "));
    }
}
