package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.HttpReply;
import dev.pincer.api.access.HttpRequest;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.guards.HttpTransport.PinnedRequest;
import dev.pincer.core.permissions.Grant;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the HTTP service sends, follows and records, with a recording transport. */
class GuardedHttpTest {

    @TempDir
    Path data;

    private final RecordingSink audit = new RecordingSink();
    private final FakeResolver resolver =
            new FakeResolver().map("api.example.com", "93.184.216.34").map("cdn.example.com", "93.184.216.40");
    private final RecordingTransport transport = new RecordingTransport();

    private HttpAccess http(GuardSettings settings) {
        Guards guards = new Guards(settings, audit, Map.of(), Clock.systemUTC(), resolver, transport);
        return guards.forPlugin(
                        "weather",
                        new Grant(List.of("api.example.com", "cdn.example.com"), List.of(), Set.of(), false),
                        data)
                .http();
    }

    private HttpAccess http() {
        return http(GuardSettings.defaults());
    }

    private static HttpRequest request(String method, String url, Map<String, List<String>> headers, String body) {
        return new HttpRequest(
                method, URI.create(url), headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void resolvesOncePerHopAndPinsTheCheckedAddress() throws Exception {
        HttpReply reply = http().send(HttpRequest.get("https://api.example.com/v1/forecast"));
        assertThat(reply.bodyText()).isEqualTo("fine");
        assertThat(reply.uri()).isEqualTo(URI.create("https://api.example.com/v1/forecast"));
        assertThat(resolver.calls("api.example.com")).isEqualTo(1);
        PinnedRequest sent = transport.requests().get(0);
        assertThat(sent.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(sent.uri().getHost()).as("TLS and Host use the name").isEqualTo("api.example.com");
    }

    @Test
    void aPluginsTimeLimitIsKeptUpToTheHostsHttpTimeoutWhichTheConfigMayRaise() throws Exception {
        HttpRequest sixtySeconds = new HttpRequest(
                "GET", URI.create("https://api.example.com/slow"), Map.of(), null, Duration.ofSeconds(60));

        http().send(sixtySeconds);
        http(GuardSettings.defaults().withHttpTimeout(Duration.ofMinutes(2))).send(sixtySeconds);
        http(GuardSettings.defaults().withHttpTimeout(Duration.ofSeconds(45))).send(sixtySeconds);

        // The time left when the hop is sent: the limit less the few microseconds the checks took.
        assertThat(transport.requests())
                .extracting(r -> Math.round(r.timeout().toMillis() / 1000.0))
                .containsExactly(30L, 60L, 45L);
    }

    @Test
    void auditsOneEventPerHopWithoutQueryValuesHeaderValuesOrBodies() throws Exception {
        transport.answering(r -> r.uri().getPath().equals("/start")
                ? RecordingTransport.redirect(302, "/next?token=SECRET-2")
                : RecordingTransport.ok("done"));
        http().send(request(
                "POST",
                "https://api.example.com/start?key=SECRET-1&city=Oslo#frag",
                Map.of("Authorization", List.of("Bearer SECRET-3"), "Cookie", List.of("sid=SECRET-4")),
                "SECRET-5"));
        List<AuditEvent> events = audit.events();
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> assertThat(e.decision()).isEqualTo(Decision.ALLOWED));
        assertThat(events.get(0).target()).isEqualTo("https://api.example.com/start?key=…&city=…");
        assertThat(events.get(0).action()).isEqualTo("POST");
        assertThat(events.get(0).outcome()).isEqualTo("302");
        assertThat(events.get(1).target()).isEqualTo("https://api.example.com/next?token=…");
        assertThat(events.get(1).action()).as("302 turns POST into GET").isEqualTo("GET");
        assertThat(events.get(1).outcome()).isEqualTo("200");
        assertThat(audit.everything()).doesNotContain("SECRET");
    }

    @Test
    void dropsHeadersThePluginMayNotSet() throws Exception {
        http().send(request(
                "GET",
                "https://api.example.com/",
                Map.of(
                        "Host", List.of("169.254.169.254"),
                        "Transfer-Encoding", List.of("chunked"),
                        "Connection", List.of("close"),
                        "Proxy-Authorization", List.of("x"),
                        "Accept", List.of("application/json")),
                null));
        assertThat(transport.requests().get(0).headers()).containsOnlyKeys("Accept");
    }

    @Test
    void refusesHeaderValuesThatCouldSplitTheRequest() {
        assertThatThrownBy(() -> http().send(request(
                        "GET", "https://api.example.com/", Map.of("X-A", List.of("a\r\nHost: evil.com")), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a line break or NUL");
        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void dropsCredentialsWhenARedirectLeavesTheOrigin() throws Exception {
        transport.answering(r -> r.uri().getHost().equals("api.example.com")
                ? RecordingTransport.redirect(307, "https://cdn.example.com/file")
                : RecordingTransport.ok("file"));
        http().send(request(
                "GET",
                "https://api.example.com/file",
                Map.of("Authorization", List.of("Bearer t"), "Accept", List.of("*/*")),
                null));
        assertThat(transport.requests().get(0).headers()).containsKey("Authorization");
        assertThat(transport.requests().get(1).headers()).containsOnlyKeys("Accept");
        assertThat(resolver.calls("cdn.example.com")).isEqualTo(1);
    }

    @Test
    void keepsMethodAndBodyOn307AndDropsThemOn303() throws Exception {
        transport.answering(r -> switch (r.uri().getPath()) {
            case "/a" -> RecordingTransport.redirect(307, "/b");
            case "/b" -> RecordingTransport.redirect(303, "/c");
            default -> RecordingTransport.ok("c");
        });
        http().send(request("PUT", "https://api.example.com/a", Map.of("Content-Type", List.of("text/plain")), "x"));
        List<PinnedRequest> sent = transport.requests();
        assertThat(sent).extracting(PinnedRequest::method).containsExactly("PUT", "PUT", "GET");
        assertThat(sent.get(1).body()).hasSize(1);
        assertThat(sent.get(2).body()).isEmpty();
        assertThat(sent.get(2).headers()).doesNotContainKey("Content-Type");
    }

    @Test
    void stopsAfterTheMaximumNumberOfRedirects() {
        GuardSettings settings =
                new GuardSettings(1000, 1000, 2, Duration.ofSeconds(5), 1000, Duration.ofSeconds(5), 1000, Set.of());
        transport.answering(r -> RecordingTransport.redirect(302, "/again"));
        assertThatThrownBy(() -> http(settings).send(HttpRequest.get("https://api.example.com/loop")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("too many redirects: https://api.example.com/loop redirected more than 2 times");
        assertThat(transport.requests()).hasSize(3);
    }

    @Test
    void refusesRequestBodiesOverTheLimitBeforeSending() {
        GuardSettings settings =
                new GuardSettings(1000, 10, 2, Duration.ofSeconds(5), 1000, Duration.ofSeconds(5), 1000, Set.of());
        assertThatThrownBy(() ->
                        http(settings).send(HttpRequest.post("https://api.example.com/", "text/plain", new byte[11])))
                .isInstanceOf(IOException.class)
                .hasMessage("the request body of 11 bytes is larger than the limit of 10 bytes; nothing was sent");
        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void refusesRepliesOverTheLimitEvenFromATransportThatReadThemWhole() {
        GuardSettings settings =
                new GuardSettings(10, 1000, 2, Duration.ofSeconds(5), 1000, Duration.ofSeconds(5), 1000, Set.of());
        transport.answering(r -> RecordingTransport.ok("01234567890"));
        assertThatThrownBy(() -> http(settings).send(HttpRequest.get("https://api.example.com/")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is larger than the limit of 10 bytes");
    }

    @Test
    void capsThePluginsTimeoutAtTheHostsLimit() throws Exception {
        GuardSettings settings =
                new GuardSettings(1000, 1000, 2, Duration.ofSeconds(5), 1000, Duration.ofSeconds(5), 1000, Set.of());
        http(settings)
                .send(new HttpRequest(
                        "GET", URI.create("https://api.example.com/"), Map.of(), null, Duration.ofHours(1)));
        assertThat(transport.requests().get(0).timeout()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void auditsAFailedLookupAsAllowedButUnresolved() {
        resolver.map("api.example.com");
        assertThatThrownBy(() -> http().send(HttpRequest.get("https://api.example.com/")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'api.example.com' does not resolve to an address");
        assertThat(audit.last().outcome()).isEqualTo("unresolved");
        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void opensWithTheSameChecksAsSend() {
        GuardSettings settings =
                new GuardSettings(1000, 10, 2, Duration.ofSeconds(5), 1000, Duration.ofSeconds(5), 1000, Set.of());
        HttpAccess http = http(settings);
        assertThatThrownBy(() -> http.open(request("TRACE", "https://api.example.com/", Map.of(), null)))
                .isInstanceOf(dev.pincer.api.access.AccessDeniedException.class)
                .hasMessageContaining("method 'TRACE' is not allowed");
        assertThatThrownBy(() -> http.open(HttpRequest.post("https://api.example.com/", "text/plain", new byte[11])))
                .isInstanceOf(IOException.class)
                .hasMessage("the request body of 11 bytes is larger than the limit of 10 bytes; nothing was sent");
        assertThatThrownBy(() -> http.open(HttpRequest.get("https://evil.example.org/")))
                .isInstanceOf(dev.pincer.api.access.AccessDeniedException.class)
                .hasMessageContaining("may not reach 'evil.example.org': not in its network grant");
        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void opensThroughRedirectsDroppingCredentialsAndCappingTheTimeout() throws Exception {
        GuardSettings settings =
                new GuardSettings(1000, 1000, 2, Duration.ofSeconds(5), 1000, Duration.ofSeconds(5), 1000, Set.of());
        transport.answering(r -> r.uri().getHost().equals("api.example.com")
                ? RecordingTransport.redirect(307, "https://cdn.example.com/events")
                : RecordingTransport.ok("data: hi\n\n"));
        HttpRequest request = new HttpRequest(
                "GET",
                URI.create("https://api.example.com/events"),
                Map.of("Authorization", List.of("Bearer t")),
                null,
                Duration.ofHours(1));
        try (var stream = http(settings).open(request)) {
            assertThat(stream.uri()).isEqualTo(URI.create("https://cdn.example.com/events"));
            assertThat(new String(stream.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("data: hi\n\n");
        }
        assertThat(transport.requests().get(1).headers()).doesNotContainKey("Authorization");
        assertThat(transport.requests())
                .allSatisfy(r -> assertThat(r.timeout()).isLessThanOrEqualTo(Duration.ofSeconds(5)));
        assertThat(audit.events()).extracting(AuditEvent::outcome).containsExactly("307", "200");
    }

    @Test
    void cutsAnOpenedReplyPastTheLimitEvenFromATransportThatReadItWhole() throws Exception {
        GuardSettings settings =
                new GuardSettings(10, 1000, 2, Duration.ofSeconds(5), 1000, Duration.ofSeconds(5), 1000, Set.of());
        transport.answering(r -> RecordingTransport.ok("01234567890"));
        try (var stream = http(settings).open(HttpRequest.get("https://api.example.com/"))) {
            assertThatThrownBy(() -> stream.body().readAllBytes())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("the reply from 'api.example.com' is larger than the limit of 10 bytes");
        }
    }
}
