package dev.pincer.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.manifest.VersionRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyResolverTest {

    private static final DependencyResolver RESOLVER = new DependencyResolver(SemanticVersion.of("0.1.0"));

    private static Candidate plugin(String id, String version, String... deps) {
        Map<String, VersionRange> ranges = new LinkedHashMap<>();
        for (int i = 0; i < deps.length; i += 2) {
            ranges.put(deps[i], VersionRange.of(deps[i + 1]));
        }
        return new Candidate(id, SemanticVersion.of(version), null, ranges, Path.of("/plugins", id));
    }

    private static Resolution resolve(Candidate... candidates) {
        return RESOLVER.resolve(List.of(candidates), Map.of(), Map.of());
    }

    private static List<String> messages(Resolution r) {
        return r.diagnostics().stream().map(Diagnostic::message).toList();
    }

    @Test
    void ordersDependenciesFirstAndBreaksTiesById() {
        Resolution r = resolve(
                plugin("web", "1.0.0", "http", "^1.0.0", "auth", "^2.0.0"),
                plugin("zeta", "1.0.0"),
                plugin("http", "1.4.0"),
                plugin("auth", "2.1.0", "http", ">=1.2.0"),
                plugin("alpha", "1.0.0"));

        assertThat(r.order()).containsExactly("alpha", "http", "auth", "web", "zeta");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outcomes().get("web").requirements())
                .extracting(Requirement::status)
                .containsOnly(Requirement.Status.SATISFIED);
    }

    @Test
    void orderIsTheSameWhateverTheInputOrder() {
        List<Candidate> candidates = new ArrayList<>(List.of(
                plugin("a", "1.0.0", "b", "*"),
                plugin("b", "1.0.0"),
                plugin("c", "1.0.0", "b", "*"),
                plugin("d", "1.0.0")));
        List<String> first = RESOLVER.resolve(candidates, Map.of(), Map.of()).order();
        java.util.Collections.reverse(candidates);

        assertThat(RESOLVER.resolve(candidates, Map.of(), Map.of()).order())
                .isEqualTo(first)
                .containsExactly("b", "a", "c", "d");
    }

    @Test
    void namesAMissingDependencyAndSuggestsACloseId() {
        Resolution r = resolve(plugin("web", "1.0.0", "htttp", "^1.0.0"), plugin("http", "1.0.0"));

        assertThat(r.order()).containsExactly("http");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("resolve.missing");
            assertThat(d.message()).isEqualTo("'web' depends on 'htttp' ^1.0.0, which is not installed");
            assertThat(d.hint()).startsWith("did you mean 'http'?");
        });
        assertThat(r.outcomes().get("web").requirements()).singleElement().satisfies(q -> assertThat(q.status())
                .isEqualTo(Requirement.Status.MISSING));
    }

    @Test
    void versionConflictNamesBothRequirementsAndWhatIsInstalled() {
        Resolution r = resolve(
                plugin("old-client", "1.0.0", "http", "^1.0.0"),
                plugin("new-client", "1.0.0", "http", "^2.0.0"),
                plugin("http", "1.5.0"));

        assertThat(r.order()).containsExactly("http", "old-client");
        assertThat(messages(r))
                .containsExactly("'new-client' requires 'http' ^2.0.0, but 'http' 1.5.0 is installed"
                        + " (/plugins/http); also 'old-client' requires ^1.0.0 (satisfied)");
    }

    @Test
    void hintsAtAShadowedCopyThatWouldSatisfyTheRange() {
        Resolution r = RESOLVER.resolve(
                List.of(plugin("client", "1.0.0", "http", "^2.0.0"), plugin("http", "1.5.0")),
                Map.of(),
                Map.of(
                        "http",
                        List.of(new Candidate(
                                "http", SemanticVersion.of("2.1.0"), null, Map.of(), Path.of("/home/http")))));

        assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.hint())
                .isEqualTo(
                        "a shadowed copy of 'http' 2.1.0 at /home/http would satisfy it; remove the higher-precedence"
                                + " copy to use it"));
    }

    @Test
    void aCycleNamesEveryMemberAndSparesTheRest() {
        Resolution r = resolve(
                plugin("a", "1.0.0", "b", "*"),
                plugin("b", "1.0.0", "c", "*"),
                plugin("c", "1.0.0", "a", "*"),
                plugin("d", "1.0.0"));

        assertThat(r.order()).containsExactly("d");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("resolve.cycle");
            assertThat(d.message()).isEqualTo("dependency cycle among a, b, c: a → b → c → a");
        });
        for (String id : List.of("a", "b", "c")) {
            assertThat(r.outcomes().get(id).resolved()).isFalse();
            assertThat(r.outcomes().get(id).reason()).isEqualTo("part of a dependency cycle: a → b → c → a");
        }
    }

    @Test
    void dependantsOfACycleFailWithTheCycleAsReason() {
        Resolution r = resolve(
                plugin("a", "1.0.0", "b", "*"), plugin("b", "1.0.0", "a", "*"), plugin("user", "1.0.0", "a", "*"));

        assertThat(r.outcomes().get("user").reason())
                .startsWith("depends on 'a', which cannot be used: part of a dependency cycle");
        assertThat(r.outcomes().get("user").requirements()).singleElement().satisfies(q -> assertThat(q.status())
                .isEqualTo(Requirement.Status.FAILED));
    }

    @Test
    void dependingOnADisabledPluginSaysSoAndHowToFixIt() {
        Resolution r = RESOLVER.resolve(
                List.of(plugin("web", "1.0.0", "http", "*")),
                Map.of("http", "disabled (disabled in /h/config.toml)"),
                Map.of());

        assertThat(messages(r))
                .containsExactly("'web' depends on 'http', which is disabled (disabled in /h/config.toml)");
        assertThat(r.diagnostics().get(0).hint()).contains("pincer plugins enable http");
    }

    @Test
    void failuresPropagateTransitivelyWhileUnrelatedPluginsResolve() {
        Resolution r = resolve(
                plugin("top", "1.0.0", "mid", "*"), plugin("mid", "1.0.0", "gone", "*"), plugin("free", "1.0.0"));

        assertThat(r.order()).containsExactly("free");
        assertThat(r.outcomes().get("top").reason())
                .isEqualTo("depends on 'mid', which cannot be used: depends on 'gone' *, which is not installed");
    }

    @Test
    void refusesPluginsMadeForAnotherHostVersion() {
        Candidate future = new Candidate(
                "future", SemanticVersion.of("1.0.0"), VersionRange.of("^2.0.0"), Map.of(), Path.of("/f"));

        Resolution r = RESOLVER.resolve(List.of(future), Map.of(), Map.of());

        assertThat(messages(r)).containsExactly("'future' requires Pincer ^2.0.0, but this is Pincer 0.1.0");
        assertThat(r.order()).isEmpty();
    }

    @Test
    void handlesLongChainsWithoutRecursionLimits() {
        List<Candidate> chain = new ArrayList<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            chain.add(i == 0 ? plugin("p0", "1.0.0") : plugin("p" + i, "1.0.0", "p" + (i - 1), "*"));
        }
        chain.add(plugin("p0-loop", "1.0.0", "p" + (n - 1), "*"));

        Resolution r = RESOLVER.resolve(chain, Map.of(), Map.of());

        assertThat(r.order()).hasSize(n + 1).startsWith("p0", "p1", "p2").endsWith("p" + (n - 1), "p0-loop");
    }

    @Test
    void aFailureAtTheBottomOfALongChainGivesShortReasonsAllTheWayUp() {
        List<Candidate> chain = new ArrayList<>();
        int n = 20_000;
        chain.add(plugin("p0", "1.0.0", "gone", "*"));
        for (int i = 1; i < n; i++) {
            chain.add(plugin("p" + i, "1.0.0", "p" + (i - 1), "*"));
        }

        Resolution r = RESOLVER.resolve(chain, Map.of(), Map.of());

        assertThat(r.order()).isEmpty();
        assertThat(r.outcomes().get("p1").reason())
                .isEqualTo("depends on 'p0', which cannot be used: depends on 'gone' *, which is not installed");
        assertThat(r.outcomes().get("p" + (n - 1)).reason())
                .isEqualTo("depends on 'p" + (n - 2) + "', which cannot be"
                        + " used because 'p0' cannot be used: depends on 'gone' *, which is not installed");
        assertThat(r.diagnostics())
                .allSatisfy(d -> assertThat(d.message().length()).isLessThan(200));
    }

    @Test
    void aConflictNamesAtMostFiveOtherRequirements() {
        List<Candidate> many = new ArrayList<>();
        many.add(plugin("http", "1.0.0"));
        for (int i = 0; i < 12; i++) {
            many.add(plugin("client-" + (char) ('a' + i), "1.0.0", "http", "^2.0.0"));
        }

        Resolution r = RESOLVER.resolve(many, Map.of(), Map.of());

        assertThat(r.outcomes().get("client-a").reason())
                .isEqualTo("requires 'http' ^2.0.0, but 'http' 1.0.0 is installed"
                        + " (/plugins/http); also 'client-b' requires ^2.0.0 (not satisfied), 'client-c' requires ^2.0.0 (not"
                        + " satisfied), 'client-d' requires ^2.0.0 (not satisfied), 'client-e' requires ^2.0.0 (not satisfied),"
                        + " 'client-f' requires ^2.0.0 (not satisfied) and 6 more");
    }
}
