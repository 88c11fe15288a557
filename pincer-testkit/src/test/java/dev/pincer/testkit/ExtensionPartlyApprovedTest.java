package dev.pincer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.audit.AuditEvent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code @PincerPlugin(approveOnly = ...)}: only the named entries are granted. */
@PincerPlugin(value = ExtensionPartlyApprovedTest.FOLDER, approveOnly = "env:WEATHER_KEY", env = "WEATHER_KEY=k-9")
class ExtensionPartlyApprovedTest {

    static final String FOLDER = "target/testkit-plugins/partly/weather";

    @BeforeAll
    static void buildPlugin() {
        WeatherPlugin.writeTo(Path.of(FOLDER));
    }

    @Test
    void onlyTheApprovedEntryIsGranted(PluginHarness harness) {
        String text = PluginHarness.text(harness.call("forecast", Map.of("city", "Oslo")));

        assertThat(text).startsWith("denied: ");
        assertThat(harness.denials()).extracting(AuditEvent::kind).containsExactly(AuditEvent.Kind.HTTP);
        assertThat(harness.audit())
                .filteredOn(e -> e.kind() == AuditEvent.Kind.ENV)
                .extracting(AuditEvent::decision)
                .containsExactly(AuditEvent.Decision.ALLOWED);
    }
}
