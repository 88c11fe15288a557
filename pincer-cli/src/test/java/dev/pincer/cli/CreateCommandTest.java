package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.manifest.ManifestFormat;
import dev.pincer.core.manifest.ManifestReadResult;
import dev.pincer.core.manifest.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code pincer plugins create}: the options, the names derived from an id, the refusals, and that
 * the templates agree with the manifest schema and the parent POM. {@code CreateCommandIT} builds
 * each kind of project and runs it.
 */
class CreateCommandTest {

    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]{0,48}");
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    @TempDir
    Path tmp;

    @Test
    void createsTheProjectUnderDirWithTheGivenIdAndPackage() throws IOException {
        TestHost host = new TestHost(tmp);

        TestHost.Run run = host.run(
                "plugins", "create", "tools", "--dir", "sub", "--id", "acme.tools", "--package", "org.acme.tools");

        Path project = host.workspace.resolve("sub").resolve("tools");
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out())
                .startsWith("Created jvm plugin 'acme.tools' in " + project + ":\n")
                .contains("  src/main/java/org/acme/tools/AcmeToolsPlugin.java\n")
                .contains("(cd ./sub/tools && mvn verify)")
                .contains("pincer plugins install ./sub/tools/target/plugin")
                .contains("pincer tools call acme_tools_greet --args '{\"name\": \"Ada\"}'");
        String manifest = Files.readString(project.resolve("src/plugin/pincer-plugin.json"));
        assertThat(manifest)
                .contains("\"id\": \"acme.tools\"", "\"main\": \"org.acme.tools.AcmeToolsPlugin\"")
                .contains("\"name\": \"acme_tools_greet\"", "\"name\": \"acme-tools\"");
        assertThat(Files.readString(project.resolve("src/main/resources/META-INF/services/dev.pincer.api.Plugin")))
                .isEqualTo("org.acme.tools.AcmeToolsPlugin\n");
        assertThat(Files.readString(project.resolve("pom.xml")))
                .contains("<artifactId>acme.tools</artifactId>", "<version.pincer>0.1.0</version.pincer>");
        try (Stream<Path> siblings = Files.list(project.getParent())) {
            assertThat(siblings).as("no staging folder is left behind").containsExactly(project);
        }
    }

    @Test
    void writesIntoAnEmptyFolderOfThatName() throws IOException {
        TestHost host = new TestHost(tmp);
        Files.createDirectories(host.workspace.resolve("notes"));

        TestHost.Run run = host.run("plugins", "create", "notes", "--runtime", "skills");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(host.workspace.resolve("notes/skills/notes/SKILL.md")).isRegularFile();
        assertThat(run.out()).contains("pincer plugins install ./notes", "pincer skills inspect notes");
    }

    @Test
    void refusesAnInvalidIdOrPackageWritingNothing() throws IOException {
        TestHost host = new TestHost(tmp);

        TestHost.Run badId = host.run("plugins", "create", "fine", "--id", "-x");
        TestHost.Run badPackage = host.run("plugins", "create", "fine", "--package", "com.example.class");
        TestHost.Run badName = host.run("plugins", "create", "../escape");

        assertThat(badId.status()).isEqualTo(1);
        assertThat(badId.err()).contains("error: '-x' is not a valid plugin id", "hint: e.g. `--id my-plugin`");
        assertThat(badPackage.status()).isEqualTo(1);
        assertThat(badPackage.err())
                .contains("error: 'com.example.class' is not a valid Java package name; nothing was written");
        assertThat(badName.status()).isEqualTo(1);
        assertThat(badName.err())
                .contains("error: '../escape' is not a valid plugin name")
                .contains("use --dir to create it in another folder");
        try (Stream<Path> files = Files.list(host.workspace)) {
            assertThat(files).isEmpty();
        }
        assertThat(tmp.resolve("escape")).doesNotExist();
    }

    @Test
    void refusesAFileInTheWay() throws IOException {
        TestHost host = new TestHost(tmp);
        Path file = Files.writeString(host.workspace.resolve("taken"), "mine");

        TestHost.Run run = host.run("plugins", "create", "taken", "--runtime", "mcp");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("error: " + file + " already exists and is not an empty folder");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void derivesValidJavaToolCommandAndSkillNamesFromAnyValidId() {
        Scaffold odd = new Scaffold(Scaffold.Kind.JVM, "do.1x-y_z", Scaffold.defaultPackage("do.1x-y_z"), "0.1.0");
        Scaffold longest = new Scaffold(Scaffold.Kind.MCP, "a" + "-b".repeat(31) + "c", "p", "0.1.0");

        assertThat(odd.javaPackage()).isEqualTo("com.example._do._1x_y_z");
        assertThat(odd.className()).isEqualTo("Do1xYZPlugin");
        assertThat(odd.tool()).isEqualTo("do_1x_y_z_greet");
        assertThat(odd.command()).isEqualTo("do-1x-y_z");
        assertThat(odd.skill()).isEqualTo("do-1x-y-z");
        assertThat(new Scaffold(Scaffold.Kind.JVM, "my-plugin", "p", "0.1.0").className())
                .isEqualTo("MyPlugin");
        assertThat(longest.id()).hasSize(64);
        assertThat(longest.tool()).matches(TOOL_NAME);
        assertThat(longest.toolPrefix()).matches(NAMESPACE);
        assertThat(longest.command()).matches(COMMAND_NAME);
        assertThat(Scaffold.isValidId(longest.id())).isTrue();
        assertThat(Scaffold.isValidId(longest.id() + "d")).isFalse();
        assertThat(Scaffold.isValidId("a")).isFalse();
    }

    @Test
    void aPlaceholderWithoutAValueIsABugInTheTemplate() {
        Scaffold scaffold = new Scaffold(Scaffold.Kind.SKILLS, "notes", "p", "0.1.0");

        assertThatThrownBy(() -> scaffold.render("{{id}} {{nope}}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("template placeholder {{nope}} has no value");
    }

    @Test
    void theIdRuleIsTheManifestSchemas() throws IOException {
        JsonNode id;
        try (InputStream in =
                ManifestReader.class.getResourceAsStream("/dev/pincer/core/manifest/pincer-plugin.schema.json")) {
            id = TestHost.JSON.readTree(in).get("$defs").get("pluginId");
        }

        assertThat(Scaffold.PLUGIN_ID.pattern()).isEqualTo(id.get("pattern").asString());
        assertThat(Scaffold.MIN_ID_LENGTH).isEqualTo(id.get("minLength").asInt());
        assertThat(Scaffold.MAX_ID_LENGTH).isEqualTo(id.get("maxLength").asInt());
    }

    @ParameterizedTest
    @EnumSource(Scaffold.Kind.class)
    void everyKindRendersCompletelyWithAValidManifest(Scaffold.Kind kind) {
        Scaffold scaffold =
                new Scaffold(kind, "acme.weather-now", Scaffold.defaultPackage("acme.weather-now"), "0.1.0");

        var files = scaffold.files();
        Scaffold.File manifest = files.stream()
                .filter(f -> f.path().endsWith("pincer-plugin.json"))
                .findFirst()
                .orElseThrow();
        ManifestReadResult read = ManifestReader.create()
                .parse(manifest.text().getBytes(StandardCharsets.UTF_8), ManifestFormat.JSON, Path.of(manifest.path()));

        assertThat(files).allSatisfy(f -> assertThat(f.path() + f.text()).doesNotContain("{{"));
        assertThat(read.diagnostics()).as(manifest.text()).isEmpty();
        assertThat(read.manifest().id()).isEqualTo("acme.weather-now");
        assertThat(read.manifest().runtime().type().name()).isEqualTo(kind.name());
    }

    @Test
    void theJvmProjectPinsTheParentPomsVersions() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String project = new Scaffold(Scaffold.Kind.JVM, "acme", "p", "0.1.0")
                .files().stream()
                        .filter(f -> f.path().equals("pom.xml"))
                        .findFirst()
                        .orElseThrow()
                        .text();

        Map<String, String> pinned = pluginVersions(project);
        Map<String, String> parents = pluginVersions(parent);

        assertThat(pinned)
                .containsKeys(
                        "maven-compiler-plugin",
                        "maven-surefire-plugin",
                        "maven-failsafe-plugin",
                        "maven-jar-plugin",
                        "maven-resources-plugin",
                        "maven-install-plugin",
                        "maven-deploy-plugin");
        pinned.forEach((plugin, version) -> assertThat(version).as(plugin).isEqualTo(parents.get(plugin)));
        assertThat(property(project, "version.junit")).isEqualTo(property(parent, "version.junit"));
    }

    private static Map<String, String> pluginVersions(String pom) {
        Matcher m = Pattern.compile("<artifactId>(maven-[a-z-]+-plugin)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        Map<String, String> versions = new LinkedHashMap<>();
        while (m.find()) {
            versions.put(m.group(1), m.group(2));
        }
        return versions;
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }
}
