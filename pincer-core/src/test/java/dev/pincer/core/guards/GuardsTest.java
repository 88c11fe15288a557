package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.HttpRequest;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.permissions.Grant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point the host calls, and the settings it takes. */
class GuardsTest {

    @TempDir
    Path data;

    @Test
    void createStartsARealTransportThatStillRefusesPrivateAddresses() {
        RecordingSink audit = new RecordingSink();
        try (Guards guards = Guards.create(GuardSettings.defaults(), audit, Map.of())) {
            PluginAccess access =
                    guards.forPlugin("p", new Grant(List.of("169.254.169.254"), List.of(), Set.of(), false), data);
            assertThatThrownBy(() -> access.http().send(HttpRequest.get("http://169.254.169.254/")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("a link-local address");
        }
        assertThat(audit.denied()).hasSize(1);
    }

    @Test
    void closeStopsTheTransport() {
        RecordingTransport transport = new RecordingTransport();
        new Guards(
                        GuardSettings.defaults(),
                        AuditSink.NONE,
                        Map.of(),
                        Clock.systemUTC(),
                        AddressResolver.system(),
                        transport)
                .close();
        assertThat(transport.closed()).isTrue();
    }

    @Test
    void refusesAMalformedNetworkPatternNamingThePlugin() {
        Guards guards = new Guards(
                GuardSettings.defaults(),
                AuditSink.NONE,
                Map.of(),
                Clock.systemUTC(),
                AddressResolver.system(),
                new RecordingTransport());
        assertThatThrownBy(() -> guards.forPlugin(
                        "weather", new Grant(List.of("https://api.example.com/"), List.of(), Set.of(), false), data))
                .isInstanceOf(PincerException.class)
                .hasMessage("plugin 'weather' has a network grant 'https://api.example.com/' that is not a host pattern"
                        + " (example.com, *.example.com, 192.0.2.1, [2001:db8::1], each optionally with :port)");
    }

    @Test
    void settingsNormalisePrivateHostsAndRejectNonsense() {
        GuardSettings settings = GuardSettings.defaults().withPrivateHosts(Set.of("LocalHost.:11434", "[::1]:8080"));
        assertThat(settings.privateHosts()).containsExactlyInAnyOrder("localhost:11434", "[::1]:8080");
        assertThat(settings.allowsPrivate("localhost", 11434)).isTrue();
        assertThat(settings.allowsPrivate("localhost", 11435)).isFalse();
        assertThatThrownBy(() -> GuardSettings.defaults().withPrivateHosts(Set.of("localhost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a private host is written host:port (e.g. localhost:11434), got 'localhost'");
        assertThatThrownBy(
                        () -> new GuardSettings(0, 1, 1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 1, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxResponseBytes is positive, got 0");
    }
}
