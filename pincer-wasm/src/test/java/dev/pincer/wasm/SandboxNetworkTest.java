package dev.pincer.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.permissions.ApprovalBook;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guests that aim {@code http_request} at the host's own network: loopback, cloud metadata,
 * private ranges, and the numeric and IPv6 spellings that hide them. Whether or not a person
 * granted the host, the guard refuses before anything is sent, the plugin's call fails with the
 * guard's reason, and the refusal is an HTTP DENIED audit record. (No test reaches a public host:
 * there is no network here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxNetworkTest {

    /** Every private target the manifest grammar lets a plugin ask for, approved below. */
    private static final List<String> PRIVATE_HOSTS =
            List.of("127.0.0.1", "localhost", "169.254.169.254", "10.0.0.1", "192.168.1.1");

    private static final String FETCH =
            """
            (func (export "fetch") (result i32)
              (drop (call $http_request (call $input_offset) (i64.const 0)))
              (call $output_set (call $input_offset) (call $input_length))
              (i32.const 0))
            """;

    private static final Guests.Plugin GRANTED = Guests.Plugin.of("granted", "fetch", "echo")
            .permissions("{\"network\": [\"" + String.join("\", \"", PRIVATE_HOSTS) + "\"]}");
    private static final Guests.Plugin UNGRANTED = Guests.Plugin.of("ungranted", "fetch", "echo");
    private static final Guests.Plugin BYSTANDER = Guests.Plugin.of("bystander", "echo");

    private WasmHost wasm;

    @BeforeAll
    void startHost(@TempDir Path dir) {
        wasm = new WasmHost(dir);
        for (Guests.Plugin plugin : List.of(GRANTED, UNGRANTED)) {
            wasm.plugin(plugin.id(), plugin.manifest(), Guests.module(FETCH));
        }
        wasm.plugin(BYSTANDER.id(), BYSTANDER.manifest(), Guests.module());
        wasm.start(approving("granted", PRIVATE_HOSTS));
        assertThat(wasm.host.reports()).isEmpty();
        assertThat(wasm.host.states()).containsEntry("granted", PluginState.ACTIVE);
    }

    @AfterAll
    void stopHost() {
        wasm.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
            http://127.0.0.1/                        | '127.0.0.1' is a loopback address; Pincer does not let plugins reach private networks
            http://localhost/                        | a loopback address; Pincer does not let plugins reach private networks
            http://169.254.169.254/latest/meta-data/ | '169.254.169.254' is a link-local address; Pincer does not let
            http://10.0.0.1/                         | '10.0.0.1' is a private address; Pincer does not let
            http://192.168.1.1/                      | '192.168.1.1' is a private address; Pincer does not let
            http://[::ffff:127.0.0.1]/               | '[::ffff:127.0.0.1]' is 127.0.0.1, a loopback address; Pincer does not let
            http://[::1]/                            | an IP address is reachable only when the network grant lists it exactly (granted: 127.0.0.1, localhost
            http://2130706433/                       | '2130706433' is a numeric host that is not a dotted-quad IPv4 address (a.b.c.d); such forms are ambiguous and never allowed
            http://0x7f000001/                       | '0x7f000001' is a numeric host that is not a dotted-quad IPv4 address
            http://017700000001/                     | '017700000001' is a numeric host that is not a dotted-quad IPv4 address
            http://127.0.0.1:8080/                   | an IP address is reachable only when the network grant lists it exactly
            file:///etc/passwd                       | only http and https URLs are allowed, not 'file:'
            """)
    void aGrantedPluginStillCannotReachPrivateAddresses(String url, String reason) {
        assertRefused(GRANTED, url, reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
            http://127.0.0.1/                        | an IP address is reachable only when the network grant lists it exactly (granted: nothing)
            http://localhost/                        | not in its network grant (granted: nothing)
            http://169.254.169.254/latest/meta-data/ | an IP address is reachable only when the network grant lists it exactly (granted: nothing)
            http://10.0.0.1/                         | an IP address is reachable only when the network grant lists it exactly (granted: nothing)
            http://192.168.1.1/                      | an IP address is reachable only when the network grant lists it exactly (granted: nothing)
            http://[::1]/                            | an IP address is reachable only when the network grant lists it exactly (granted: nothing)
            http://[::ffff:127.0.0.1]/               | an IP address is reachable only when the network grant lists it exactly (granted: nothing)
            http://2130706433/                       | '2130706433' is a numeric host that is not a dotted-quad IPv4 address
            http://0x7f000001/                       | '0x7f000001' is a numeric host that is not a dotted-quad IPv4 address
            http://017700000001/                     | '017700000001' is a numeric host that is not a dotted-quad IPv4 address
            """)
    void anUngrantedPluginCannotReachThemEither(String url, String reason) {
        assertRefused(UNGRANTED, url, reason);
    }

    /** A numeric host in disguise ({@code 2130706433} is 127.0.0.1) is a manifest error: nobody can approve it unawares. */
    @Test
    void aNumericHostInDisguiseIsAManifestError(@TempDir Path other) {
        Guests.Plugin numeric = Guests.Plugin.of("numeric", "fetch", "echo")
                .permissions("{\"network\": [\"2130706433\", \"0x7f000001\", \"017700000001\"]}");
        try (WasmHost host = new WasmHost(other)) {
            host.plugin(numeric.id(), numeric.manifest(), Guests.module(FETCH));
            host.plugin(BYSTANDER.id(), BYSTANDER.manifest(), Guests.module());

            host.start(approving("numeric", List.of("2130706433", "0x7f000001", "017700000001")));

            assertThat(host.catalog.find("numeric").orElseThrow().state()).isEqualTo(PluginState.FAILED);
            assertThat(host.catalog.find("numeric").orElseThrow().reason())
                    .contains("'permissions.network' host '2130706433' is an address in a disguised numeric form");
            Invocation answer = host.call(BYSTANDER.tool("echo"), Map.of("text", "still here"));
            assertThat(WasmHost.text(answer)).isEqualTo("still here");
        }
    }

    /**
     * A grant the manifest accepts but the guards cannot apply ({@code *.10.0.0.1}: a wildcard over
     * an address) fails only that plugin, with the reason; the plugins after it still start.
     */
    @Test
    void aGrantTheGuardsCannotApplyFailsOnlyThatPlugin(@TempDir Path other) {
        Guests.Plugin odd = Guests.Plugin.of("odd", "fetch", "echo").permissions("{\"network\": [\"*.10.0.0.1\"]}");
        try (WasmHost host = new WasmHost(other)) {
            host.plugin(odd.id(), odd.manifest(), Guests.module(FETCH));
            host.plugin(BYSTANDER.id(), BYSTANDER.manifest(), Guests.module());

            host.start(approving("odd", List.of("*.10.0.0.1")));

            assertThat(host.host.states()).containsEntry("odd", PluginState.FAILED);
            assertThat(host.host.reports())
                    .anySatisfy(d -> assertThat(d.message()).contains("'*.10.0.0.1' that is not a host pattern"));
            Invocation answer = host.call(BYSTANDER.tool("echo"), Map.of("text", "still here"));
            assertThat(WasmHost.text(answer)).isEqualTo("still here");
        }
    }

    private void assertRefused(Guests.Plugin plugin, String url, String reason) {
        Invocation refused = wasm.call(plugin.tool("fetch"), Map.of("text", "{\"url\": \"" + url + "\"}"));

        assertThat(refused.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(refused.message())
                .contains("plugin '" + plugin.id() + "' was refused in 'fetch': plugin '" + plugin.id()
                        + "' may not reach '")
                .contains(reason);
        assertThat(wasm.audited(AuditEvent.Kind.HTTP))
                .filteredOn(e -> plugin.id().equals(e.pluginId()) && url.equals(e.target()))
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.decision()).isEqualTo(AuditEvent.Decision.DENIED);
                    assertThat(e.reason()).contains(reason);
                });
        assertThat(wasm.audited(AuditEvent.Kind.HTTP))
                .filteredOn(e -> plugin.id().equals(e.pluginId()))
                .extracting(AuditEvent::decision)
                .as("nothing was sent")
                .containsOnly(AuditEvent.Decision.DENIED);
        assertThat(WasmHost.text(wasm.call(plugin.tool("echo"), Map.of("text", "still here"))))
                .isEqualTo("still here");
        assertThat(WasmHost.text(wasm.call(BYSTANDER.tool("echo"), Map.of("text", "still here"))))
                .isEqualTo("still here");
    }

    /** Returns a book in which a person approved {@code hosts} for {@code pluginId}. */
    private static ApprovalBook approving(String pluginId, List<String> hosts) {
        return WasmHost.approving(pluginId, new Permissions(hosts, List.of(), List.of(), false));
    }
}
