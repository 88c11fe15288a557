package dev.pincer.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.hook.HookPoint;
import dev.pincer.core.Fixtures;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private static final ManifestReader READER = ManifestReader.create();

    @TempDir
    Path dir;

    private ManifestReadResult read(String json) {
        return READER.read(Fixtures.plugin(dir, "p", json).resolve("pincer-plugin.json"));
    }

    private static List<String> errors(ManifestReadResult result) {
        return result.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::message)
                .toList();
    }

    private static List<String> hints(ManifestReadResult result) {
        return result.diagnostics().stream().map(Diagnostic::hint).toList();
    }

    @Test
    void bindsEveryTopLevelKey() {
        ManifestReadResult result = read(
                """
                {"id": "weather", "name": "Weather", "version": "1.2.3", "description": "Forecasts",
                 "license": "MIT", "homepage": "https://example.com/weather", "pincer": "^0.1.0",
                 "runtime": {"type": "mcp", "command": "node", "args": ["server.js"], "env": {"MODE": "x"}},
                 "provides": {"tools": [{"name": "forecast", "description": "Get one", "destructive": true,
                                         "inputSchema": {"type": "object", "properties": {"city": {"type": "string"}}}}],
                              "commands": [{"name": "weather", "args": "<city>"}], "hooks": ["before_tool_call"],
                              "stages": [{"name": "clean", "direction": "inbound"}], "memory": ["notes"]},
                 "dependencies": {"http-core": "^1.5.0"},
                 "permissions": {"network": ["api.weather.com", "*.example.org:8443"],
                                 "filesystem": [{"path": "~/notes", "mode": "read-write"}],
                                 "env": ["WEATHER_KEY"], "shell": true},
                 "resources": {"memory": "64MiB", "timeout": "30s", "cpu": "500ms", "concurrency": 4},
                 "config": {"type": "object", "properties": {"units": {"type": "string", "default": "metric"}}},
                 "activation": {"mode": "lazy"}}
                """);

        assertThat(result.diagnostics()).isEmpty();
        PluginManifest m = result.manifest();
        assertThat(m.id()).isEqualTo("weather");
        assertThat(m.version().text()).isEqualTo("1.2.3");
        assertThat(m.hostRange().includes(SemanticVersion.of("0.1.9"))).isTrue();
        assertThat(m.runtime())
                .isEqualTo(new RuntimeSpec.Mcp("node", List.of("server.js"), java.util.Map.of("MODE", "x"), null));
        assertThat(m.provides().tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("forecast");
            assertThat(t.destructive()).isTrue();
            assertThat(t.inputSchema().path("properties").has("city")).isTrue();
        });
        assertThat(m.provides().kinds()).containsExactly("tools", "commands", "hooks", "stages", "memory");
        assertThat(m.dependencies().get("http-core").includes(SemanticVersion.of("1.9.0")))
                .isTrue();
        assertThat(m.dependencies().get("http-core").includes(SemanticVersion.of("2.0.0")))
                .isFalse();
        assertThat(m.permissions().filesystem())
                .containsExactly(new Permissions.FileGrant("~/notes", Permissions.Access.READ_WRITE));
        assertThat(m.permissions().shell()).isTrue();
        assertThat(m.resources())
                .isEqualTo(new Resources(64L << 20, Duration.ofSeconds(30), Duration.ofMillis(500), 4, null, null));
        assertThat(m.activation()).isEqualTo(ActivationMode.LAZY);
    }

    @Test
    void readsTomlWithTheSameStructure() throws IOException {
        Path file = Fixtures.file(
                dir.resolve("t").resolve("pincer-plugin.toml"),
                """
                id = "notes"
                version = "0.3.0"
                dependencies = { "weather" = "~1.2" }
                [runtime]
                type = "wasm"
                module = "plugin.wasm"
                [[provides.tools]]
                name = "add_note"
                """);

        ManifestReadResult result = READER.read(file);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.manifest().runtime())
                .isEqualTo(new RuntimeSpec.Wasm("plugin.wasm", false, java.util.Map.of()));
        assertThat(result.manifest().provides().tools().get(0).name()).isEqualTo("add_note");
        assertThat(Files.readString(file)).contains("add_note");
    }

    @Test
    void rejectsManifestWithoutIdAndSaysWhatToAdd() {
        ManifestReadResult result = read("{\"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"}}");

        assertThat(result.manifest()).isNull();
        assertThat(errors(result)).containsExactly("the top level: required property 'id' not found");
        assertThat(hints(result)).containsExactly("add 'id' to the top level");
    }

    @Test
    void rejectsBadIdQuotingItAndExplainingTheRule() {
        ManifestReadResult result =
                read("{\"id\": \"Weather App\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"}}");

        assertThat(result.declaredId()).isEqualTo("Weather App");
        assertThat(errors(result)).singleElement().asString().startsWith("'id': 'Weather App' does not match");
        assertThat(hints(result)).singleElement().asString().contains("Lower-case letters and digits");
    }

    @Test
    void rejectsVersionsThatAreNotStrictSemver() {
        for (String version : List.of("1.0", "v1.0.0", "latest")) {
            ManifestReadResult result =
                    read("{\"id\": \"p1\", \"version\": \"" + version + "\", \"runtime\": {\"type\": \"jvm\"}}");

            assertThat(errors(result)).containsExactly("'version' '" + version + "' is not a semantic version");
        }
    }

    @Test
    void rejectsRangesSemverCannotParse() {
        ManifestReadResult result = read(
                """
                {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"}, "pincer": "banana",
                 "dependencies": {"other": "one point oh"}}""");

        assertThat(errors(result))
                .containsExactlyInAnyOrder(
                        "'pincer' 'banana' is not a semver range",
                        "'dependencies.other' 'one point oh' is not a semver range");
    }

    @Test
    void warnsAboutUnknownKeysWithTheLikelyIntendedOne() {
        ManifestReadResult result = read(
                """
                {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm", "mian": "a.B"}, "dependecies": {}}""");

        assertThat(result.manifest()).isNotNull();
        assertThat(result.diagnostics()).extracting(Diagnostic::severity).containsOnly(Severity.WARNING);
        assertThat(result.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactlyInAnyOrder(
                        "unknown key 'dependecies' in the top level (ignored)",
                        "unknown key 'mian' in 'runtime' (ignored)");
        assertThat(hints(result)).anySatisfy(h -> assertThat(h).startsWith("did you mean 'dependencies'?"));
        assertThat(hints(result)).anySatisfy(h -> assertThat(h).startsWith("did you mean 'main'?"));
    }

    @Test
    void rejectsUnknownHookSuggestingTheCatalogName() {
        ManifestReadResult result = read(
                """
                {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"}, "provides": {"hooks": ["before_tool"]}}""");

        assertThat(errors(result))
                .containsExactly("'provides.hooks.0': 'before_tool' is not one of the allowed values");
        assertThat(hints(result)).singleElement().asString().startsWith("did you mean 'before_tool_call'?");
    }

    @Test
    void schemaHookNamesMatchTheApiCatalog() {
        List<String> schemaNames = new ArrayList<>();
        PublishedSchema.manifest()
                .document()
                .at("/$defs/provides/properties/hooks/items/enum")
                .forEach(n -> schemaNames.add(n.asString()));

        assertThat(schemaNames)
                .containsExactlyInAnyOrderElementsOf(
                        HookPoint.all().stream().map(HookPoint::name).toList());
    }

    @Test
    void rejectsRuntimePathsThatLeaveThePluginFolder() {
        for (String module : List.of("../evil.wasm", "/etc/passwd", "a/../../b.wasm", "~/x.wasm", "a\\\\..\\\\b")) {
            ManifestReadResult result =
                    read("{\"id\": \"p1\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"wasm\","
                            + " \"module\": \"" + module + "\"}}");

            assertThat(result.diagnostics())
                    .extracting(Diagnostic::code)
                    .as(module)
                    .contains("manifest.path-escape");
            assertThat(result.manifest()).isNull();
        }
    }

    @Test
    void rejectsDuplicateToolNames() {
        ManifestReadResult result = read(
                """
                {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"},
                 "provides": {"tools": [{"name": "a"}, {"name": "a"}]}}""");

        assertThat(errors(result)).containsExactly("'provides.tools' declares 'a' more than once");
    }

    @Test
    void refusesPermissionPathsThatHideWhereTheyLead() {
        for (String path : List.of("~/notes/../../etc", "../secrets", "data/..", "~root/x", "C:\\\\temp")) {
            ManifestReadResult result = read(
                    """
                    {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"},
                     "permissions": {"filesystem": [{"path": "%s", "mode": "read"}]}}"""
                            .formatted(path));

            assertThat(errors(result)).as(path).singleElement().asString().endsWith("does not plainly name a place");
        }
        assertThat(
                        errors(
                                read(
                                        """
                        {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"},
                         "permissions": {"filesystem": [{"path": "~/notes..old/x", "mode": "read"},
                                                        {"path": "/srv/data", "mode": "write"}]}}""")))
                .isEmpty();
    }

    @Test
    void refusesNetworkHostsThatHideAnAddressInANumericForm() {
        for (String host :
                List.of("2130706433", "0x7f000001", "017700000001", "0177.0.0.1", "127.1", "*.0x7f.0.0.1:80")) {
            ManifestReadResult result = read(
                    """
                    {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"},
                     "permissions": {"network": ["%s"]}}"""
                            .formatted(host));

            assertThat(errors(result))
                    .as(host)
                    .singleElement()
                    .asString()
                    .isEqualTo("'permissions.network' host '" + host + "' is an address in a disguised numeric form");
        }
        assertThat(
                        errors(
                                read(
                                        """
                        {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"},
                         "permissions": {"network": ["10.0.0.1", "192.0.2.10:8080", "api.example.com", "*.example.com",
                                                     "3com.example"]}}""")))
                .isEmpty();
    }

    @Test
    void acceptsConfigPlaceholdersInNetworkAndEnvEntries() {
        ManifestReadResult result = read(
                """
                {"id": "openai", "version": "1.0.0", "runtime": {"type": "jvm"},
                 "config": {"type": "object", "properties": {"baseUrl": {"type": "string"},
                                                             "api_key-env": {"type": "string"}}},
                 "permissions": {"network": ["${config.baseUrl}", "status.example.com"],
                                 "env": ["${config.api_key-env}", "HOME"]}}""");

        assertThat(result.diagnostics()).isEmpty();
        Permissions asked = result.manifest().permissions();
        assertThat(asked.network()).containsExactly("${config.baseUrl}", "status.example.com");
        assertThat(asked.env()).containsExactly("${config.api_key-env}", "HOME");
        assertThat(asked.hasPlaceholders()).isTrue();
        assertThat(Permissions.configKey("${config.baseUrl}")).contains("baseUrl");
        assertThat(Permissions.configKey("api.${config.baseUrl}")).isEmpty();
    }

    @Test
    void refusesAPlaceholderForASettingTheSchemaDoesNotDeclareAsAString() {
        String template =
                """
                {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"}, %s
                 "permissions": {"network": ["${config.url}"]}}""";

        assertThat(errors(read(template.formatted(""))))
                .containsExactly("'permissions.network' entry '${config.url}' refers to setting 'url', but the"
                        + " manifest declares no settings");
        assertThat(errors(read(template.formatted("\"config\": {\"type\": \"object\"},"))))
                .containsExactly("'permissions.network' entry '${config.url}' refers to setting 'url', which 'config'"
                        + " does not declare");
        ManifestReadResult number = read(template.formatted(
                "\"config\": {\"type\": \"object\", \"properties\": {\"url\": {\"type\": \"integer\"}}},"));
        assertThat(errors(number))
                .containsExactly("'permissions.network' entry '${config.url}' refers to setting 'url', which 'config'"
                        + " does not declare as a string (its type is \"integer\")");
        assertThat(hints(number)).containsExactly("give config.properties.url \"type\": \"string\"");
    }

    @Test
    void refusesPlaceholdersOutsideNetworkAndEnvEntriesAndInsideAnEntry() {
        ManifestReadResult files = read(
                """
                {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"},
                 "config": {"type": "object", "properties": {"dir": {"type": "string"}}},
                 "permissions": {"filesystem": [{"path": "${config.dir}", "mode": "read"}]}}""");
        ManifestReadResult partial = read(
                """
                {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"},
                 "config": {"type": "object", "properties": {"region": {"type": "string"}}},
                 "permissions": {"network": ["api.${config.region}.example.com"]}}""");

        assertThat(errors(files))
                .containsExactly("'permissions.filesystem' path '${config.dir}' holds a ${config.…} placeholder,"
                        + " which only permissions.network and permissions.env entries may use");
        assertThat(hints(files)).singleElement().asString().contains("write the path itself");
        assertThat(errors(partial))
                .singleElement()
                .asString()
                .startsWith("'permissions.network.0': 'api.${config.region}.example.com' does not match");
        assertThat(hints(partial)).singleElement().asString().contains("'${config.<key>}', the whole entry");
    }

    @Test
    void readsEnabledByDefaultAsTrueUnlessTheManifestSaysFalse() {
        assertThat(read("{\"id\": \"p1\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"}}")
                        .manifest()
                        .enabledByDefault())
                .isTrue();
        assertThat(read("{\"id\": \"p1\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"},"
                                + " \"enabledByDefault\": false}")
                        .manifest()
                        .enabledByDefault())
                .isFalse();
    }

    @Test
    void rejectsConfigSchemaThatIsNotAnObjectSchema() {
        ManifestReadResult result = read(
                """
                {"id": "p1", "version": "1.0.0", "runtime": {"type": "jvm"}, "config": {"type": "string"}}""");

        assertThat(errors(result)).singleElement().asString().startsWith("'config' must describe an object");
    }

    @Test
    void rejectsDuplicateKeysInsteadOfKeepingTheLastOne() {
        ManifestReadResult result =
                read("{\"id\": \"p1\", \"id\": \"p2\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"}}");

        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly("manifest.syntax");
        assertThat(errors(result)).singleElement().asString().contains("Duplicate Object property \"id\"");
    }

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        ManifestReadResult result = read("{\n  \"id\": \"p1\",\n  \"version\": 1.0.0\n}");

        assertThat(errors(result))
                .singleElement()
                .asString()
                .startsWith("not valid JSON")
                .contains("line 3");
    }

    @Test
    void refusesOversizedManifestsWithoutParsingThem() throws IOException {
        Path folder = dir.resolve("big");
        Files.createDirectories(folder);
        Files.write(folder.resolve("pincer-plugin.json"), new byte[Formats.MAX_DOCUMENT_BYTES + 1]);

        ManifestReadResult result = READER.read(folder.resolve("pincer-plugin.json"));

        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly("manifest.too-large");
    }

    @Test
    void refusesDeepNestingAsASyntaxError() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        ManifestReadResult result =
                read("{\"id\": \"p1\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"}, \"x\": " + deep + "}");

        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly("manifest.syntax");
        assertThat(errors(result)).singleElement().asString().contains("nesting depth");
    }

    @Test
    void reportsAManifestThatCannotBeReadAsAFile() throws IOException {
        Path folder = dir.resolve("d");
        Files.createDirectories(folder.resolve("pincer-plugin.json"));

        ManifestReadResult result = READER.read(folder.resolve("pincer-plugin.json"));

        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly("manifest.unreadable");
    }

    @Test
    void skipsValidationOfContentTheCacheKnowsCleanAndRevalidatesChangedContent() throws IOException {
        CountingCache cache = new CountingCache();
        ManifestReader cached = READER.withCache(cache);
        Path file = Fixtures.plugin(
                        dir, "c", "{\"id\": \"p1\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"}}")
                .resolve("pincer-plugin.json");

        assertThat(cached.read(file).manifest()).isNotNull();
        assertThat(cache.recorded.get()).isEqualTo(1);
        assertThat(cached.read(file).manifest()).isNotNull();
        assertThat(cache.hits.get()).isEqualTo(1);

        Files.writeString(
                file,
                "{\"id\": \"p1\", \"version\": \"one\", \"runtime\": {\"type\": \"jvm\"}}",
                StandardCharsets.UTF_8);
        assertThat(errors(cached.read(file))).containsExactly("'version' 'one' is not a semantic version");
        assertThat(cache.recorded.get()).isEqualTo(1);
    }

    @Test
    void doesNotCacheManifestsWithWarnings() {
        CountingCache cache = new CountingCache();
        Path file = Fixtures.plugin(
                        dir,
                        "w",
                        "{\"id\": \"p1\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"},"
                                + " \"colour\": 1}")
                .resolve("pincer-plugin.json");

        ManifestReadResult first = READER.withCache(cache).read(file);

        assertThat(first.diagnostics()).extracting(Diagnostic::code).containsExactly("manifest.unknown-key");
        assertThat(cache.recorded.get()).isZero();
    }

    /** Records every digest as clean and counts use. */
    private static final class CountingCache implements ValidationCache {
        final java.util.Set<String> clean = new java.util.HashSet<>();
        final AtomicInteger hits = new AtomicInteger();
        final AtomicInteger recorded = new AtomicInteger();

        @Override
        public boolean isClean(String digest) {
            boolean hit = clean.contains(digest);
            if (hit) {
                hits.incrementAndGet();
            }
            return hit;
        }

        @Override
        public void recordClean(String digest) {
            clean.add(digest);
            recorded.incrementAndGet();
        }
    }
}
