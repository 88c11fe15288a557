package dev.pincer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.hook.ToolCallEvent;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.check.CheckReport;
import dev.pincer.core.check.CheckResult;
import dev.pincer.core.discovery.RootKind;
import dev.pincer.core.hooks.HookResult;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.lifecycle.PluginState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHarnessTest {

    private static final String FORECAST = "https://api.weather.test/forecast?city=Oslo";

    @TempDir
    Path dir;

    private Path plugin;

    @BeforeEach
    void writePlugin() {
        plugin = WeatherPlugin.writeTo(dir.resolve("weather"));
    }

    private HarnessBuilder harness() {
        return PluginHarness.builder().plugins(plugin).env("WEATHER_KEY", "k-123");
    }

    @Test
    void aToolFetchesThroughTheRealGuardFromTheScriptedNetwork() {
        try (PluginHarness h = harness().start()) {
            h.http().respond(FORECAST, 200, "sunny");

            ToolResult result = h.call("forecast", Map.of("city", "Oslo"));

            assertThat(PluginHarness.text(result)).isEqualTo("200 sunny");
            assertThat(h.http().requests()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.url()).isEqualTo(FORECAST);
                assertThat(r.headers()).containsEntry("X-Key", List.of("k-123"));
            });
            assertThat(h.audit())
                    .filteredOn(e -> e.kind() == AuditEvent.Kind.HTTP)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.decision()).isEqualTo(AuditEvent.Decision.ALLOWED);
                        assertThat(e.target()).startsWith("https://api.weather.test/forecast");
                        assertThat(e.outcome()).isEqualTo("200");
                    });
            assertThat(h.audit())
                    .filteredOn(e -> e.kind() == AuditEvent.Kind.TOOL)
                    .extracting(AuditEvent::action)
                    .containsExactly("forecast");
        }
    }

    @Test
    void anUnscriptedUrlFailsTheRequestNamingIt() {
        try (PluginHarness h = harness().start()) {
            ToolResult result = h.call("forecast", Map.of("city", "Oslo"));

            assertThat(result.isError()).isTrue();
            assertThat(PluginHarness.text(result))
                    .isEqualTo("failed: the test scripted no response for GET " + FORECAST
                            + "; script one with FakeHttp.respond(\"" + FORECAST + "\", 200, \"...\")");
        }
    }

    @Test
    void aHostThatWasNeverGrantedIsDeniedAndTheTestSeesTheDenial() {
        try (PluginHarness h = harness().start()) {
            ToolResult result = h.call("steal", Map.of());

            assertThat(result.isError()).isTrue();
            assertThat(PluginHarness.text(result)).startsWith("denied: ").contains("evil.test");
            assertThat(h.denials()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(AuditEvent.Kind.HTTP);
                assertThat(e.action()).isEqualTo("GET");
                assertThat(e.target()).startsWith("https://evil.test/");
                assertThat(e.pluginId()).isEqualTo("weather");
            });
            assertThat(h.http().requests()).isEmpty();
        }
    }

    @Test
    void aGrantedNameThatResolvesToAPrivateAddressIsRefused() {
        try (PluginHarness h = harness().start()) {
            h.http().resolve("api.weather.test", "10.0.0.7").respond(FORECAST, 200, "sunny");

            ToolResult result = h.call("forecast", Map.of("city", "Oslo"));

            assertThat(PluginHarness.text(result)).startsWith("denied: ");
            assertThat(h.denials()).extracting(AuditEvent::kind).containsExactly(AuditEvent.Kind.HTTP);
            assertThat(h.http().requests()).isEmpty();
        }
    }

    @Test
    void onlyGrantedEnvironmentVariablesAreVisible() {
        try (PluginHarness h = harness().env("HOME", "/home/ada").start()) {
            assertThat(PluginHarness.text(h.call("peek", Map.of()))).isEqualTo("HOME is hidden");
            assertThat(h.denials()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(AuditEvent.Kind.ENV);
                assertThat(e.target()).isEqualTo("HOME");
                assertThat(e.reason()).isEqualTo("not in its env grant");
            });
        }
    }

    @Test
    void approvingNothingLetsThePluginRunWithEveryUseDenied() {
        try (PluginHarness h = harness().approveNothing().start()) {
            h.http().respond(FORECAST, 200, "sunny");

            ToolResult result = h.call("forecast", Map.of("city", "Oslo"));

            assertThat(h.state("weather")).isEqualTo(PluginState.ACTIVE);
            assertThat(PluginHarness.text(result)).startsWith("denied: ").contains("api.weather.test");
            assertThat(h.denials())
                    .extracting(AuditEvent::kind, AuditEvent::target)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(AuditEvent.Kind.ENV, "WEATHER_KEY"),
                            org.assertj.core.groups.Tuple.tuple(
                                    AuditEvent.Kind.HTTP, h.denials().get(1).target()));
            assertThat(h.http().requests()).isEmpty();
        }
    }

    @Test
    void approvingOnlySomeEntriesDeniesTheRest() {
        try (PluginHarness h = harness().approveOnly("network:api.weather.test").start()) {
            h.http().respond(FORECAST, 200, "sunny");

            assertThat(PluginHarness.text(h.call("forecast", Map.of("city", "Oslo"))))
                    .isEqualTo("200 sunny");
            assertThat(h.http().requests().get(0).headers()).containsEntry("X-Key", List.of("none"));
            assertThat(h.denials()).extracting(AuditEvent::target).containsExactly("WEATHER_KEY");
        }
    }

    @Test
    void approvingAnEntryNobodyAsksForIsRefusedNamingIt() {
        HarnessBuilder builder = harness().approveOnly("network:api.weathr.test");

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "approveOnly names [network:api.weathr.test], which no plugin under test" + " asks for");
    }

    @Test
    void twoApprovalChoicesAreRefusedNamingBoth() {
        assertThatThrownBy(() -> harness().approveNothing().approveOnly("shell"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("choose one of approveNothing() and approveOnly(shell): both say what is approved");
    }

    @Test
    void firesHooksAndReturnsTheirOutcome() {
        try (PluginHarness h = harness().start()) {
            ToolCallEvent atlantis =
                    new ToolCallEvent(new ToolCall("forecast", Map.of("city", "Atlantis"), "c1", null), false);
            ToolCallEvent oslo = new ToolCallEvent(new ToolCall("forecast", Map.of("city", "Oslo"), "c2", null), false);

            HookResult<?> blocked = h.hook("before_tool_call", atlantis);
            HookResult<ToolCallEvent> passed = h.hook(dev.pincer.api.hook.HookPoint.BEFORE_TOOL_CALL, oslo);

            assertThat(blocked.status()).isEqualTo(HookResult.Status.BLOCKED);
            assertThat(blocked.reason()).isEqualTo("Atlantis sank");
            assertThat(blocked.pluginId()).isEqualTo("weather");
            assertThat(passed.proceeds()).isTrue();
            Invocation call = h.invoke("forecast", Map.of("city", "Atlantis"));
            assertThat(call.status()).isEqualTo(Invocation.Status.BLOCKED);
            assertThat(call.message()).contains("Atlantis sank");
        }
    }

    @Test
    void aHookEventOfTheWrongTypeIsRefusedNamingBoth() {
        try (PluginHarness h = harness().start()) {
            assertThatThrownBy(() -> h.hook("before_tool_call", "Oslo"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("hook point 'before_tool_call' takes a ToolCallEvent, not a String");
            assertThatThrownBy(() -> h.hook("before_tool_cal", "Oslo"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("there is no hook point 'before_tool_cal'; the points are [");
        }
    }

    @Test
    void runsCommands() {
        try (PluginHarness h = harness().start()) {
            assertThat(h.command("/weather Bergen")).isEqualTo("Sunny in Bergen.");
        }
    }

    @Test
    void auditRecordsAreStampedWithTheTestClock() {
        TestClock clock = new TestClock();
        try (PluginHarness h = harness().clock(clock).start()) {
            h.call("peek", Map.of());
            clock.advance(Duration.ofHours(1));
            h.call("peek", Map.of());

            assertThat(h.audit())
                    .filteredOn(e -> e.kind() == AuditEvent.Kind.TOOL)
                    .extracting(AuditEvent::at)
                    .containsExactly(TestClock.START, TestClock.START.plus(Duration.ofHours(1)));
        }
    }

    @Test
    void checksThePluginAsPincerPluginsTestDoes() {
        try (PluginHarness h = harness().start()) {
            h.http().respond(FORECAST, 200, "sunny");

            CheckReport report = h.check();

            assertThat(report.failures()).isEmpty();
            assertThat(report.result("examples").orElseThrow().details())
                    .containsExactly("tool 'forecast' example 0 {\"city\":\"Oslo\"} answered: 200 sunny");
        }
    }

    @Test
    void theCheckCatchesAToolTheManifestDoesNotDeclare() throws Exception {
        Path manifest = plugin.resolve("pincer-plugin.json");
        Files.writeString(
                manifest, Files.readString(manifest).replace("{ \"name\": \"peek\" }", "{ \"name\": \"nap\" }"));
        try (PluginHarness h = harness().start()) {
            CheckResult declarations = h.check().result("declarations").orElseThrow();

            assertThat(declarations.status()).isEqualTo(CheckResult.Status.FAILED);
            assertThat(declarations.details())
                    .anySatisfy(d -> assertThat(d)
                            .startsWith("plugin 'weather' registered tool 'peek' but does not" + " declare it"))
                    .anySatisfy(d -> assertThat(d)
                            .startsWith("plugin 'weather' declares tool 'nap' but did not" + " register it"));
        }
    }

    @Test
    void startKeepsWorkingAndCloseDeletesTheTemporaryHome() {
        PluginHarness h = PluginHarness.start("", plugin);
        // The home root is <temporary home>/plugins.
        Path home = h.catalog().roots().stream()
                .filter(r -> r.kind() == RootKind.HOME)
                .findFirst()
                .orElseThrow()
                .path()
                .getParent();
        assertThat(home.resolve("config.toml")).exists();
        assertThat(PluginHarness.text(h.call("peek", Map.of()))).isEqualTo("HOME is hidden");

        h.close();

        assertThat(home).doesNotExist();
    }
}
