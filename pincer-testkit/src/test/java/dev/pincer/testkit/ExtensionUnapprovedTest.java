package dev.pincer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.audit.AuditEvent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code @PincerPlugin(approve = false)}: the plugin runs, and each guarded use is denied. */
@PincerPlugin(value = ExtensionUnapprovedTest.FOLDER, approve = false)
class ExtensionUnapprovedTest {

    static final String FOLDER = "target/testkit-plugins/unapproved/weather";

    @BeforeAll
    static void buildPlugin() {
        WeatherPlugin.writeTo(Path.of(FOLDER));
    }

    @Test
    void theToolSeesTheDenialAndSoDoesTheTest(PluginHarness harness, FakeHttp http) {
        String text = PluginHarness.text(harness.call("forecast", Map.of("city", "Oslo")));

        assertThat(text).startsWith("denied: ").contains("api.weather.test");
        assertThat(harness.denials())
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.ENV, AuditEvent.Kind.HTTP);
        assertThat(http.requests()).isEmpty();
    }
}
