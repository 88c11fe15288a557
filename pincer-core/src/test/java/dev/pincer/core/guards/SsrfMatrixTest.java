package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.HttpRequest;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.permissions.Grant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way of naming a non-public address is refused before anything is sent: the transport is a
 * recorder that must stay empty, and the resolver is a fake.
 */
class SsrfMatrixTest {

    @TempDir
    Path data;

    private final RecordingSink audit = new RecordingSink();
    private final FakeResolver resolver = new FakeResolver()
            .map("api.example.com", "93.184.216.34")
            .map("a.b.example.com", "93.184.216.35")
            .map("internal.example.com", "127.0.0.1")
            .map("metadata.internal", "169.254.169.254")
            .map("mixed.example.com", "93.184.216.34", "10.0.0.1")
            .map("localhost", "127.0.0.1");
    private final RecordingTransport transport = new RecordingTransport();

    private HttpAccess http(GuardSettings settings, String... network) {
        Guards guards = new Guards(
                settings,
                audit,
                Map.of(),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                resolver,
                transport);
        return guards.forPlugin("weather", new Grant(List.of(network), List.of(), Set.of(), false), data)
                .http();
    }

    private HttpAccess http(String... network) {
        return http(GuardSettings.defaults(), network);
    }

    private AccessDeniedException refused(HttpAccess http, String url) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> http.send(HttpRequest.get(url)));
        assertThat(thrown).as(url).isInstanceOf(AccessDeniedException.class);
        assertThat(transport.requests()).as("nothing may be sent for " + url).isEmpty();
        AuditEvent event = audit.last();
        assertThat(event.kind()).isEqualTo(Kind.HTTP);
        assertThat(event.decision()).isEqualTo(Decision.DENIED);
        assertThat(event.reason()).as("audited reason for " + url).isNotBlank();
        assertThat(event.pluginId()).isEqualTo("weather");
        return (AccessDeniedException) thrown;
    }

    /** Each literal with the class of address it is; listed or not in the grant, it is refused. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1            | a loopback address",
                "[::1]                | a loopback address",
                "[::ffff:127.0.0.1]   | 127.0.0.1, a loopback address",
                "[::ffff:7f00:1]      | 127.0.0.1, a loopback address",
                "[::127.0.0.1]        | an IPv4-compatible address that embeds 127.0.0.1, a loopback address",
                "[64:ff9b::7f00:1]    | a NAT64 address that embeds 127.0.0.1, a loopback address",
                "[64:ff9b:1::a9fe:a9fe] | a local-use NAT64 address",
                "[2002:7f00:1::]      | a 6to4 address that embeds 127.0.0.1, a loopback address",
                "[fe80::1]            | a link-local address",
                "[febf::1]            | a link-local address",
                "[fc00::1]            | a unique local (private) address",
                "[fd12::1]            | a unique local (private) address",
                "[ff02::1]            | a multicast address",
                "[::]                 | the unspecified address",
                "[fec0::1]            | a site-local address",
                "[2001::1]            | a Teredo address",
                "[2001:db8::1]        | a documentation address",
                "[100::1]             | a reserved address",
                "169.254.169.254      | a link-local address",
                "100.64.0.1           | a shared (carrier-grade NAT) address",
                "100.127.255.255      | a shared (carrier-grade NAT) address",
                "198.18.0.1           | a benchmarking address",
                "198.19.255.255       | a benchmarking address",
                "240.0.0.1            | a reserved address",
                "255.255.255.255      | the broadcast address",
                "0.0.0.0              | an unspecified",
                "10.0.0.1             | a private address",
                "172.16.0.1           | a private address",
                "172.31.255.255       | a private address",
                "192.168.1.1          | a private address",
                "224.0.0.1            | a multicast address",
                "239.255.255.250      | a multicast address",
                "192.0.2.1            | a documentation address",
                "198.51.100.7         | a documentation address",
                "203.0.113.9          | a documentation address",
                "192.0.0.8            | an IETF protocol assignment address",
            })
    void refusesNonPublicLiteralsWhetherOrNotGranted(String host, String kind) {
        AccessDeniedException notGranted = refused(http("api.example.com"), "http://" + host + "/latest");
        assertThat(notGranted)
                .hasMessageStartingWith("plugin 'weather' may not reach '" + host + "'")
                .hasMessageContaining("an IP address is reachable only when the network grant lists it exactly")
                .hasMessageContaining("granted: api.example.com");

        AccessDeniedException granted = refused(http(host), "http://" + host + "/latest");
        assertThat(granted)
                .hasMessageContaining(kind)
                .hasMessageContaining("Pincer does not let plugins reach private networks");
        assertThat(resolver.totalCalls()).as("literals are never looked up").isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.1",
                "2130706433",
                "017700000001",
                "0x7f000001",
                "0x7f.1",
                "0177.0.0.1",
                "127.0.0.01",
                "1.2.3.4.5",
                "0x7f.0.0.1",
            })
    void refusesAmbiguousNumericHostsAlways(String host) {
        AccessDeniedException e = refused(http("api.example.com", "127.0.0.1"), "http://" + host + "/");
        assertThat(e).hasMessageContaining("'" + host + "' is a numeric host that is not a dotted-quad IPv4 address");
        assertThat(resolver.totalCalls()).isZero();
    }

    @Test
    void ambiguousNumericFormsCannotBeGranted() {
        assertThatThrownBy(() -> http("127.1"))
                .isInstanceOf(PincerException.class)
                .hasMessageContaining("has a network grant '127.1' that is not a host pattern");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "93.184.216.34    | 93.184.216.34",
                "172.32.0.1       | 172.32.0.1",
                "100.128.0.1      | 100.128.0.1",
                "198.20.0.1       | 198.20.0.1",
                "[2606:4700::1111] | 2606:4700:0:0:0:0:0:1111",
                "[64:ff9b::808:808] | 64:ff9b:0:0:0:0:808:808",
                "[2001:200::1]    | 2001:200:0:0:0:0:0:1",
            })
    void sendsToGrantedPublicLiteralsJustOutsideTheRefusedRanges(String host, String pinned) throws Exception {
        assertThat(http(host).send(HttpRequest.get("http://" + host + "/")).status())
                .isEqualTo(200);
        assertThat(transport.requests()).hasSize(1);
        assertThat(transport.requests().get(0).address().getHostAddress()).isEqualTo(pinned);
    }

    @Test
    void refusesGrantedNameThatResolvesToLoopback() {
        AccessDeniedException e = refused(http("internal.example.com"), "http://internal.example.com/");
        assertThat(e)
                .hasMessage("plugin 'weather' may not reach 'internal.example.com': 'internal.example.com' resolves to"
                        + " 127.0.0.1, a loopback address; Pincer does not let plugins reach private networks (an"
                        + " operator may allow one host:port in the guard settings' privateHosts)");
        assertThat(resolver.calls("internal.example.com")).isEqualTo(1);
    }

    @Test
    void refusesMetadataAddressBehindAName() {
        AccessDeniedException e = refused(http("metadata.internal"), "http://metadata.internal/latest/meta-data/");
        assertThat(e).hasMessageContaining("'metadata.internal' resolves to 169.254.169.254, a link-local address");
        assertThat(audit.last().reason()).contains("169.254.169.254, a link-local address");
    }

    @Test
    void refusesNameWithOnePublicAndOnePrivateAddress() {
        AccessDeniedException e = refused(http("mixed.example.com"), "https://mixed.example.com/");
        assertThat(e)
                .hasMessageContaining("resolves to 93.184.216.34, 10.0.0.1; 10.0.0.1 is a private address")
                .hasMessageContaining("every address of a host must be public");
    }

    @Test
    void refusesRedirectFromPublicHostToPrivateAddress() {
        transport.answering(r -> RecordingTransport.redirect(302, "http://internal.example.com/admin"));
        HttpAccess http = http("api.example.com", "internal.example.com");
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(
                () -> http.send(HttpRequest.get("http://api.example.com/start")));
        assertThat(e)
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageStartingWith("plugin 'weather' may not reach 'internal.example.com' (redirected from"
                        + " http://api.example.com/start): 'internal.example.com' resolves to 127.0.0.1");
        assertThat(transport.requests()).as("only the first hop was sent").hasSize(1);
        assertThat(transport.requests().get(0).uri().getHost()).isEqualTo("api.example.com");
        assertThat(audit.events()).extracting(AuditEvent::decision).containsExactly(Decision.ALLOWED, Decision.DENIED);
        assertThat(audit.events().get(0).outcome()).isEqualTo("302");
    }

    @Test
    void refusesRedirectToTheMetadataLiteral() {
        transport.answering(r -> RecordingTransport.redirect(301, "http://169.254.169.254/latest/meta-data/"));
        HttpAccess http = http("api.example.com", "169.254.169.254");
        assertThatThrownBy(() -> http.send(HttpRequest.get("http://api.example.com/")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("'169.254.169.254' is a link-local address");
        assertThat(transport.requests()).hasSize(1);
    }

    @Test
    void refusesRedirectToHostOutsideTheGrant() {
        transport.answering(r -> RecordingTransport.redirect(307, "https://evil.com/steal"));
        HttpAccess http = http("api.example.com");
        assertThatThrownBy(() -> http.send(HttpRequest.get("http://api.example.com/")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("plugin 'weather' may not reach 'evil.com' (redirected from http://api.example.com/): not"
                        + " in its network grant (granted: api.example.com); run `pincer plugins inspect weather`");
        assertThat(transport.requests()).hasSize(1);
        assertThat(resolver.calls("evil.com"))
                .as("a refused host is not even looked up")
                .isZero();
        assertThat(audit.last().target()).isEqualTo("https://evil.com/steal");
    }

    @Test
    void refusesNamesOutsideTheGrantWithTheMessageAPersonCanActOn() {
        AccessDeniedException e = refused(http("api.weather.gov"), "https://evil.com/x");
        assertThat(e)
                .hasMessage("plugin 'weather' may not reach 'evil.com': not in its network grant (granted:"
                        + " api.weather.gov); run `pincer plugins inspect weather`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/", "http://evilexample.com/", "http://example.com.evil.org/"})
    void wildcardMatchesSubdomainsOnly(String url) {
        refused(http("*.example.com"), url);
    }

    @Test
    void wildcardAllowsDeeperSubdomains() throws Exception {
        assertThat(http("*.example.com")
                        .send(HttpRequest.get("https://a.b.example.com/"))
                        .status())
                .isEqualTo(200);
        assertThat(transport.requests().get(0).address().getHostAddress()).isEqualTo("93.184.216.35");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"https://api.example.com:8443/", "http://api.example.com:443/", "https://api.example.com:80/"})
    void patternWithoutPortAllowsOnlyTheSchemesDefaultPort(String url) {
        AccessDeniedException e = refused(http("api.example.com"), url);
        assertThat(e).hasMessageContaining("not in its network grant");
    }

    @Test
    void patternWithPortAllowsThatPortOnly() throws Exception {
        HttpAccess http = http("api.example.com:8443");
        refused(http, "https://api.example.com/");
        assertThat(http.send(HttpRequest.get("https://api.example.com:8443/")).status())
                .isEqualTo(200);
        assertThat(transport.requests()).hasSize(1);
    }

    @Test
    void refusesUserInfoThatHidesTheRealHost() {
        AccessDeniedException e = refused(http("api.example.com"), "http://api.example.com@127.0.0.1/");
        assertThat(e).hasMessageContaining("the URL carries user information before '@'");
        assertThat(audit.last().target()).isEqualTo("http://127.0.0.1/");
        AccessDeniedException withPassword = refused(http("api.example.com"), "https://user:hunter2@api.example.com/");
        assertThat(withPassword.getMessage()).doesNotContain("hunter2");
        assertThat(audit.everything()).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "ftp://api.example.com/file",
                "jar:file:/tmp/x.jar!/a.class",
                "gopher://api.example.com/",
                "/relative/path"
            })
    void refusesOtherSchemes(String url) {
        AccessDeniedException e = refused(http("api.example.com"), url);
        assertThat(e).hasMessageContaining("only").hasMessageContaining("http and https URLs are allowed");
    }

    @Test
    void refusesDangerousMethods() {
        HttpAccess http = http("api.example.com");
        assertThatThrownBy(() -> http.send(
                        new HttpRequest("TRACE", java.net.URI.create("http://api.example.com/"), Map.of(), null, null)))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("method 'TRACE' is not allowed");
        assertThat(transport.requests()).isEmpty();
        assertThat(audit.last().decision()).isEqualTo(Decision.DENIED);
    }

    @Test
    void privateHostsAllowExactlyTheListedHostAndPort() throws Exception {
        GuardSettings settings = GuardSettings.defaults().withPrivateHosts(Set.of("localhost:11434"));
        HttpAccess http = http(settings, "localhost:11434", "localhost:11435");
        assertThat(http.send(HttpRequest.get("http://localhost:11434/api/tags")).status())
                .isEqualTo(200);
        assertThat(transport.requests().get(0).address().getHostAddress()).isEqualTo("127.0.0.1");
        Throwable other = org.assertj.core.api.Assertions.catchThrowable(
                () -> http.send(HttpRequest.get("http://localhost:11435/")));
        assertThat(other).isInstanceOf(AccessDeniedException.class).hasMessageContaining("a loopback address");
        assertThat(transport.requests()).hasSize(1);
    }

    @Test
    void normalisesCaseAndTrailingDot() throws Exception {
        http("api.example.com").send(HttpRequest.get("http://API.Example.COM./v1"));
        assertThat(transport.requests().get(0).uri().toString()).isEqualTo("http://api.example.com/v1");
        assertThat(resolver.calls("api.example.com")).isEqualTo(1);
    }
}
