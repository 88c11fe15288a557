package dev.pincer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Severity;
import dev.pincer.core.manifest.Provides;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarationCheckTest {

    private static final Path MANIFEST = Path.of("plugins", "weather", "pincer-plugin.json");

    private final CapabilityRegistry registry = new CapabilityRegistry();

    private static Provides provides(List<String> tools, List<String> hooks, List<String> stages) {
        return new Provides(
                tools.stream()
                        .map(t -> new Provides.Tool(t, null, null, false, null))
                        .toList(),
                List.of(new Provides.Command("weather", null, "<city>")),
                hooks,
                List.of(),
                List.of(),
                List.of(),
                stages.stream()
                        .map(s -> new Provides.Stage(s, Provides.Direction.OUTBOUND))
                        .toList(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    private void register(String owner, CapabilityKind kind, String... names) {
        registry.update(batch -> {
            for (String name : names) {
                batch.register(new Capability(kind, name, owner, "value"));
            }
        });
    }

    @Test
    void findsNothingWhenRegistrationsMatchTheDeclaration() {
        register("weather", CapabilityKind.TOOL, "forecast", "alerts");
        register("weather", CapabilityKind.COMMAND, "weather");
        register("weather", CapabilityKind.HOOK, "before_tool_call", "before_tool_call");
        register("weather", CapabilityKind.STAGE, "units");
        register("other", CapabilityKind.TOOL, "unrelated");

        List<Diagnostic> findings = DeclarationCheck.check(
                "weather",
                MANIFEST,
                provides(List.of("alerts", "forecast"), List.of("before_tool_call"), List.of("units")),
                registry.snapshot());

        assertThat(findings).isEmpty();
    }

    @Test
    void warnsAboutACapabilityRegisteredButNotDeclared() {
        register("weather", CapabilityKind.TOOL, "forecast", "radar");
        register("weather", CapabilityKind.COMMAND, "weather");
        register("weather", CapabilityKind.HOOK, "agent_end");

        List<Diagnostic> findings = DeclarationCheck.check(
                "weather", MANIFEST, provides(List.of("forecast"), List.of(), List.of()), registry.snapshot());

        assertThat(findings)
                .containsExactly(
                        Diagnostic.warning(
                                "registry.undeclared",
                                "weather",
                                MANIFEST,
                                "plugin 'weather' registered tool 'radar' but does not declare it",
                                "add it to provides.tools in pincer-plugin.json"),
                        Diagnostic.warning(
                                "registry.undeclared",
                                "weather",
                                MANIFEST,
                                "plugin 'weather' registered hook 'agent_end' but does not declare it",
                                "add it to provides.hooks in pincer-plugin.json"));
    }

    @Test
    void warnsAboutACapabilityDeclaredButNotRegistered() {
        register("weather", CapabilityKind.TOOL, "forecast");

        List<Diagnostic> findings = DeclarationCheck.check(
                "weather",
                Path.of("weather", "pincer-plugin.toml"),
                provides(List.of("forecast", "alerts"), List.of("before_tool_call"), List.of("units")),
                registry.snapshot());

        assertThat(findings).allMatch(d -> d.severity() == Severity.WARNING);
        assertThat(findings).extracting(Diagnostic::code).containsOnly("registry.unregistered");
        assertThat(findings)
                .extracting(Diagnostic::message)
                .containsExactly(
                        "plugin 'weather' declares tool 'alerts' but did not register it",
                        "plugin 'weather' declares command 'weather' but did not register it",
                        "plugin 'weather' declares hook 'before_tool_call' but did not register it",
                        "plugin 'weather' declares stage 'units' but did not register it");
        assertThat(findings.get(0).hint())
                .isEqualTo("register it when the plugin activates, or remove it from provides.tools in"
                        + " pincer-plugin.toml");
    }

    @Test
    void namesTheUsualManifestWhenItsPathIsNotKnown() {
        register("weather", CapabilityKind.MEMORY, "vectors");

        List<Diagnostic> findings = DeclarationCheck.check("weather", null, Provides.nothing(), registry.snapshot());

        assertThat(findings)
                .containsExactly(Diagnostic.warning(
                        "registry.undeclared",
                        "weather",
                        null,
                        "plugin 'weather' registered memory backend 'vectors' but does not declare it",
                        "add it to provides.memory in pincer-plugin.json"));
    }

    @Test
    void discoveredToolsAreNotUndeclaredUnlessTheManifestListsSome() {
        register("weather", CapabilityKind.TOOL, "forecast", "alerts");
        register("weather", CapabilityKind.COMMAND, "weather");

        List<Diagnostic> none = DeclarationCheck.check(
                "weather",
                MANIFEST,
                provides(List.of(), List.of(), List.of()),
                registry.snapshot(),
                java.util.Set.of(CapabilityKind.TOOL));
        List<Diagnostic> some = DeclarationCheck.check(
                "weather",
                MANIFEST,
                provides(List.of("forecast"), List.of(), List.of()),
                registry.snapshot(),
                java.util.Set.of(CapabilityKind.TOOL));

        assertThat(none).isEmpty();
        assertThat(some)
                .extracting(Diagnostic::message)
                .containsExactly("plugin 'weather' registered tool 'alerts' but does not declare it");
    }
}
