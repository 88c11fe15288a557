package dev.pincer.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.config.PolicySettings.Action;
import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyConfigTest {

    private static final ConfigLoader LOADER = ConfigLoader.create();

    @TempDir
    Path dir;

    private HostLayout layout;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
    }

    private void home(String toml) {
        Fixtures.file(layout.homeConfig(), toml);
    }

    private void workspace(String toml) {
        Fixtures.file(layout.workspaceConfig(), toml);
    }

    private static List<Diagnostic> warnings(ConfigLoadResult result) {
        return result.diagnostics().stream().filter(d -> !d.isError()).toList();
    }

    @Test
    void defaultsWhenNothingIsConfigured() {
        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.config().policy()).isEqualTo(PolicySettings.defaults());
        assertThat(result.config().policy().destructive()).isEqualTo(Action.REQUIRE_APPROVAL);
        assertThat(result.config().policy().overLimit()).isEqualTo(Action.REQUIRE_APPROVAL);
        assertThat(result.config().policy().maxCallCost()).isNull();
        assertThat(result.config().network().privateHosts()).isEmpty();
        assertThat(PincerConfig.empty().policy()).isEqualTo(PolicySettings.defaults());
    }

    @Test
    void readsEveryPolicyAndNetworkKeyFromTheHomeFile() {
        home(
                """
                [policy]
                destructive = "deny"
                max_call_cost = 0.50
                daily_budget = 5
                over_limit = "deny"
                trusted = ["corp-policy"]
                [[policy.rules]]
                tool = "delete_*"
                plugin = "files"
                action = "deny"
                reason = "deleting is off on this machine"
                [[policy.rules]]
                tool = "read_?"
                action = "allow"
                [network]
                private_hosts = ["localhost:11434", "[::1]:8080", "LLM.Lan:443"]
                """);

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.diagnostics()).isEmpty();
        PolicySettings policy = result.config().policy();
        assertThat(policy.destructive()).isEqualTo(Action.DENY);
        assertThat(policy.maxCallCost()).isEqualByComparingTo("0.5");
        assertThat(policy.dailyBudget()).isEqualByComparingTo("5");
        assertThat(policy.overLimit()).isEqualTo(Action.DENY);
        assertThat(policy.trusted()).containsExactly("corp-policy");
        assertThat(policy.trusts("corp-policy")).isTrue();
        assertThat(policy.rules())
                .containsExactly(
                        new PolicySettings.Rule(
                                "delete_*",
                                "files",
                                Action.DENY,
                                "deleting is off on this machine",
                                layout.homeConfig(),
                                0),
                        new PolicySettings.Rule("read_?", null, Action.ALLOW, null, layout.homeConfig(), 1));
        NetworkSettings network = result.config().network();
        assertThat(network.privateHosts())
                .extracting(NetworkSettings.HostPort::toString)
                .containsExactly("localhost:11434", "[::1]:8080", "llm.lan:443");
        assertThat(network.allowsPrivate("LOCALHOST", 11434)).isTrue();
        assertThat(network.allowsPrivate("[::1]", 8080)).isTrue();
        assertThat(network.allowsPrivate("localhost", 11435)).isFalse();
        assertThat(network.allowsPrivate("127.0.0.1", 11434)).isFalse();
    }

    @Test
    void invalidPolicyValuesAreErrorsNamingTheFileAndKey() {
        home(
                """
                [policy]
                destructive = "ask"
                max_call_cost = -1
                [[policy.rules]]
                tool = "rm"
                """);

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.usable()).isFalse();
        assertThat(result.brokenFiles()).containsExactly(layout.homeConfig());
        List<Diagnostic> errors =
                result.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertThat(errors).allSatisfy(d -> assertThat(d.path()).isEqualTo(layout.homeConfig()));
        assertThat(errors)
                .extracting(Diagnostic::message)
                .contains(
                        "'policy.destructive': 'ask' is not one of the allowed values",
                        "'policy.rules.0': required property 'action' not found")
                .anySatisfy(m -> assertThat(m).startsWith("'policy.max_call_cost': '-1' "));
        assertThat(errors)
                .filteredOn(d -> d.message().startsWith("'policy.destructive'"))
                .extracting(Diagnostic::hint)
                .containsExactly("allowed: require-approval, deny, allow");
        // The broken file's policy is not half-applied: the defaults hold.
        assertThat(result.config().policy()).isEqualTo(PolicySettings.defaults());
    }

    @Test
    void overLimitCannotBeAllow() {
        home("[policy]\nover_limit = \"allow\"\n");

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.usable()).isFalse();
        assertThat(result.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::message, Diagnostic::hint)
                .first()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple(
                        "'policy.over_limit': 'allow' is not one of the allowed values",
                        "allowed: require-approval, deny"));
    }

    @Test
    void theHttpTimeoutIsThirtySecondsUnlessTheHomeConfigSetsItAndIsCappedAtTenMinutes() {
        assertThat(LOADER.load(layout).config().network().httpTimeout()).isEqualTo(Duration.ofSeconds(30));

        home("[network]\nhttp_timeout = \"2m\"\n");
        workspace("[network]\nhttp_timeout = \"1s\"\n");
        ConfigLoadResult set = LOADER.load(layout);

        assertThat(set.config().network().httpTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(set.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly("network.http_timeout in " + layout.workspaceConfig()
                        + " is ignored: only the home config may change how long plugins' HTTP requests may take");

        home("[network]\nhttp_timeout = \"11m\"\n");
        workspace("");
        ConfigLoadResult tooLong = LOADER.load(layout);

        assertThat(tooLong.config().network().httpTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(tooLong.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message())
                    .isEqualTo("[network] http_timeout = \"11m\" is outside 1ms to 10m; plugins' HTTP requests are"
                            + " limited to 600s instead");
            assertThat(d.hint()).isEqualTo("set a value from \"1s\" to \"10m\" in " + layout.homeConfig());
        });

        home("[network]\nhttp_timeout = \"soon\"\n");
        assertThat(LOADER.load(layout).diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).startsWith("'network.http_timeout': 'soon' "));
    }

    @Test
    void auditRecordsAreKeptNinetyDaysUnlessTheHomeConfigSaysOtherwise() {
        assertThat(LOADER.load(layout).config().audit().keep()).contains(Duration.ofDays(90));

        home("[audit]\nkeep_days = 0\n");
        workspace("[audit]\nkeep_days = 1\n");
        ConfigLoadResult forever = LOADER.load(layout);

        assertThat(forever.config().audit().keep()).isEmpty();
        assertThat(forever.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly("audit in " + layout.workspaceConfig()
                        + " is ignored: only the home config may change how long audit records are kept");

        home("[audit]\nkeep_days = -3\n");
        workspace("");
        assertThat(LOADER.load(layout).diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).startsWith("'audit.keep_days': "));
    }

    @Test
    void privateHostsMustBeHostAndPort() {
        home("[network]\nprivate_hosts = [\"localhost\", \"localhost:70000\"]\n");

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.usable()).isFalse();
        assertThat(result.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).startsWith("'network.private_hosts.0': 'localhost' "))
                .anySatisfy(m -> assertThat(m).startsWith("'network.private_hosts.1': 'localhost:70000' "));
    }

    @Test
    void unknownPolicyKeyIsAWarningWithTheLikelyKey() {
        home("[policy]\nmax_call_cst = 1\n");

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.usable()).isTrue();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("config.unknown-key");
            assertThat(d.message()).isEqualTo("unknown key 'max_call_cst' in 'policy' (ignored)");
            assertThat(d.hint()).startsWith("did you mean 'max_call_cost'?");
        });
    }

    @Test
    void workspaceTightensWithStricterValuesLowerLimitsAndMoreRules() {
        home(
                """
                [policy]
                max_call_cost = 1.00
                [[policy.rules]]
                tool = "read_*"
                action = "allow"
                """);
        workspace(
                """
                [policy]
                destructive = "deny"
                over_limit = "deny"
                max_call_cost = 0.25
                daily_budget = 3
                [[policy.rules]]
                plugin = "shell"
                action = "require-approval"
                """);

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.diagnostics()).isEmpty();
        PolicySettings policy = result.config().policy();
        assertThat(policy.destructive()).isEqualTo(Action.DENY);
        assertThat(policy.overLimit()).isEqualTo(Action.DENY);
        assertThat(policy.maxCallCost()).isEqualByComparingTo("0.25");
        assertThat(policy.dailyBudget()).isEqualByComparingTo("3");
        assertThat(policy.rules())
                .extracting(PolicySettings.Rule::where)
                .containsExactly(
                        "policy.rules[0] in " + layout.homeConfig(), "policy.rules[0] in " + layout.workspaceConfig());
    }

    @Test
    void workspaceCannotLoosenDestructiveOrOverLimitAndIsToldWhichKey() {
        home("[policy]\ndestructive = \"deny\"\n");
        workspace("[policy]\ndestructive = \"allow\"\nover_limit = \"require-approval\"\n");

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.usable()).isTrue();
        assertThat(result.config().policy().destructive()).isEqualTo(Action.DENY);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("config.policy-loosened");
            assertThat(d.isError()).isFalse();
            assertThat(d.path()).isEqualTo(layout.workspaceConfig());
            assertThat(d.message())
                    .isEqualTo("policy.destructive = \"allow\" in " + layout.workspaceConfig()
                            + " would loosen policy.destructive = \"deny\" of " + layout.homeConfig()
                            + ", so it is ignored: a workspace may only tighten policy");
            assertThat(d.hint())
                    .isEqualTo("set a value at least as strict as \"deny\" (or leave the key out) here,"
                            + " or change policy.destructive in " + layout.homeConfig());
        });
    }

    @Test
    void workspaceCannotLoosenTheDefaultEither() {
        workspace("[policy]\ndestructive = \"allow\"\n");

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.config().policy().destructive()).isEqualTo(Action.REQUIRE_APPROVAL);
        assertThat(warnings(result))
                .extracting(Diagnostic::message)
                .containsExactly("policy.destructive = \"allow\" in " + layout.workspaceConfig()
                        + " would loosen the default \"require-approval\", so it is ignored:"
                        + " a workspace may only tighten policy");
    }

    @Test
    void workspaceCannotRaiseSpendingLimits() {
        home("[policy]\nmax_call_cost = 0.5\ndaily_budget = 5\n");
        workspace("[policy]\nmax_call_cost = 2\ndaily_budget = 4\n");

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.config().policy().maxCallCost()).isEqualByComparingTo("0.5");
        assertThat(result.config().policy().dailyBudget()).isEqualByComparingTo("4");
        assertThat(warnings(result))
                .extracting(Diagnostic::message)
                .containsExactly("policy.max_call_cost = 2 in " + layout.workspaceConfig()
                        + " would loosen policy.max_call_cost = 0.5 of " + layout.homeConfig()
                        + ", so it is ignored: a workspace may only tighten policy");
    }

    @Test
    void workspaceAllowRuleIsIgnoredButItsOtherRulesApply() {
        workspace(
                """
                [[policy.rules]]
                tool = "delete_*"
                action = "allow"
                [[policy.rules]]
                tool = "delete_*"
                action = "deny"
                """);

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.config().policy().rules()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.DENY);
            assertThat(r.index()).isEqualTo(1);
        });
        assertThat(warnings(result)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("config.policy-loosened");
            assertThat(d.message())
                    .isEqualTo("policy.rules[0].action = \"allow\" in " + layout.workspaceConfig()
                            + " is ignored with its rule: a workspace may only tighten policy,"
                            + " and an allow rule skips the destructive and cost checks");
        });
    }

    @Test
    void trustedAndPrivateHostsAreHomeOnly() {
        home("[policy]\ntrusted = [\"corp-policy\"]\n[network]\nprivate_hosts = [\"localhost:11434\"]\n");
        workspace("[policy]\ntrusted = [\"evil\"]\n[network]\nprivate_hosts = [\"10.0.0.1:22\"]\n");

        ConfigLoadResult result = LOADER.load(layout);

        assertThat(result.config().policy().trusted()).containsExactly("corp-policy");
        assertThat(result.config().network().allowsPrivate("10.0.0.1", 22)).isFalse();
        assertThat(result.config().network().allowsPrivate("localhost", 11434)).isTrue();
        assertThat(warnings(result))
                .extracting(Diagnostic::message)
                .containsExactly(
                        "policy.trusted in " + layout.workspaceConfig()
                                + " is ignored: only the home config may trust plugins to add policy rules",
                        "network.private_hosts in " + layout.workspaceConfig()
                                + " is ignored: only the home config may open private addresses to plugins");
        assertThat(warnings(result)).extracting(Diagnostic::hint).containsOnly("move it to " + layout.homeConfig());
    }
}
