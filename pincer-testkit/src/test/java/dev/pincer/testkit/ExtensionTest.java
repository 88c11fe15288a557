package dev.pincer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.lifecycle.PluginState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uses the extension as a plugin author would: {@code @PincerPlugin} on the class, the harness and
 * fakes as parameters. The plugin is built before the tests into {@code target/testkit-plugins}, a
 * folder the annotation can name.
 */
@PincerPlugin(value = ExtensionTest.FOLDER, env = "WEATHER_KEY=k-123")
class ExtensionTest {

    static final String FOLDER = "target/testkit-plugins/approved/weather";
    private static final String FORECAST = "https://api.weather.test/forecast?city=Oslo";

    private FakeHttp scripted;

    @BeforeAll
    static void buildPlugin() {
        WeatherPlugin.writeTo(Path.of(FOLDER));
    }

    @BeforeEach
    void script(FakeHttp http) {
        http.respond(FORECAST, 200, "sunny");
        scripted = http;
    }

    @Test
    void suppliesTheHarnessWithTheFakesItRunsOn(PluginHarness harness, FakeHttp http, TestClock clock) {
        assertThat(http).isSameAs(harness.http()).isSameAs(scripted);
        assertThat(clock).isSameAs(harness.clock());
        assertThat(harness.state("weather")).isEqualTo(PluginState.ACTIVE);
    }

    @Test
    void callsAToolAgainstTheScriptedNetwork(PluginHarness harness, FakeHttp http) {
        assertThat(PluginHarness.text(harness.call("forecast", Map.of("city", "Oslo"))))
                .isEqualTo("200 sunny");
        assertThat(http.requests()).singleElement().satisfies(r -> assertThat(r.headers())
                .containsEntry("X-Key", List.of("k-123")));
    }

    @Test
    void eachTestStartsAfresh(PluginHarness harness, FakeHttp http) {
        assertThat(http.requests()).isEmpty();
        assertThat(harness.audit()).extracting(AuditEvent::kind).containsOnly(AuditEvent.Kind.ACTIVATION);
    }

    @Test
    void theCheckPasses(PluginHarness harness) {
        assertThat(harness.check().failures()).isEmpty();
    }
}
