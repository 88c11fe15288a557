package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creates a project of each kind with the packaged {@code pincer} jar, builds it and runs its own
 * tests with its own build (Maven or npm), then runs it in Pincer from a fresh home: what {@code
 * pincer plugins create} promises is a project that works as generated.
 *
 * <p>The jvm project is built offline against this build's Pincer artifacts: they are laid out as a
 * file repository in the test's folder, and everything else comes from the local repository of the
 * Maven running this build, read as a second file repository into a local repository of its own
 * under {@code target/}, so the shared one is never written to.
 */
class CreateCommandIT {

    private static final long PINCER_TIMEOUT_SECONDS = 60;
    private static final long BUILD_TIMEOUT_SECONDS = 300;
    private static final String VERSION = "0.1.0";

    @TempDir
    Path tmp;

    private Path jar;
    private Path repo;

    @BeforeEach
    void locateBuild() {
        jar = Path.of(required("pincer.cli.jar"));
        repo = Path.of(required("pincer.repo.root"));
        assertThat(jar).isRegularFile();
    }

    @Test
    void aJvmProjectBuildsPassesItsTestAndRunsInPincer() throws Exception {
        Result create = pincer(Map.of(), "plugins", "create", "hello-jvm", "--dir", tmp.toString());
        Path project = tmp.resolve("hello-jvm");

        Result build = run(project, Map.of("JAVA_HOME", System.getProperty("java.home")), mavenCommand("verify"));

        assertThat(create.status()).as(create.toString()).isZero();
        assertThat(create.out())
                .contains("Created jvm plugin 'hello-jvm' in " + project)
                .contains("  pom.xml\n", "  src/main/java/com/example/hello_jvm/HelloJvmPlugin.java\n")
                .contains("  src/test/java/com/example/hello_jvm/HelloJvmPluginIT.java\n")
                .contains("pincer plugins install " + project + "/target/plugin");
        assertThat(build.status()).as(build.toString()).isZero();
        assertThat(build.out()).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(project.resolve("target/plugin/lib/hello-jvm-0.1.0.jar")).isRegularFile();
        assertRunsInPincer(project.resolve("target/plugin"), "hello_jvm_greet");
    }

    @Test
    void aWasmProjectBuildsPassesItsTestAndRunsInPincer() throws Exception {
        Result create =
                pincer(Map.of(), "plugins", "create", "hello-wasm", "--runtime", "wasm", "--dir", tmp.toString());
        Path project = tmp.resolve("hello-wasm");

        Result install = run(project, Map.of(), npm("install"));
        Result test = run(project, Map.of(), npm("test"));

        assertThat(create.status()).as(create.toString()).isZero();
        assertThat(project.resolve("build.sh")).isExecutable();
        assertThat(install.status()).as(install.toString()).isZero();
        assertThat(test.status()).as(test.toString()).isZero();
        assertThat(test.out()).contains("# pass 2", "# fail 0");
        assertThat(project.resolve("plugin.wasm")).isRegularFile();
        assertRunsInPincer(project, "hello_wasm_greet");
    }

    @Test
    void anMcpProjectPassesItsTestAndRunsInPincer() throws Exception {
        Result create = pincer(Map.of(), "plugins", "create", "hello-mcp", "--runtime", "mcp", "--dir", tmp.toString());
        Path project = tmp.resolve("hello-mcp");

        Result install = run(project, Map.of(), npm("install"));
        Result test = run(project, Map.of(), npm("test"));

        assertThat(create.status()).as(create.toString()).isZero();
        assertThat(install.status()).as(install.toString()).isZero();
        assertThat(test.status()).as(test.toString()).isZero();
        assertThat(test.out()).contains("# pass 2", "# fail 0");
        assertRunsInPincer(project, "hello_mcp_greet");
    }

    @Test
    void aSkillsProjectLoadsCleanlyInPincer() throws Exception {
        Result create =
                pincer(Map.of(), "plugins", "create", "hello-skills", "--runtime", "skills", "--dir", tmp.toString());
        Path project = tmp.resolve("hello-skills");
        Map<String, String> env = home(project);

        Result list = pincer(env, "skills", "list");
        Result inspect = pincer(env, "skills", "inspect", "hello-skills");
        Result doctor = pincer(env, "plugins", "doctor");

        assertThat(create.status()).as(create.toString()).isZero();
        assertThat(project.resolve("skills/hello-skills/SKILL.md")).isRegularFile();
        assertThat(list.status()).as(list.toString()).isZero();
        assertThat(list.out()).contains("hello-skills  plugin:hello-skills").contains("eligible");
        assertThat(inspect.status()).as(inspect.toString()).isZero();
        assertThat(inspect.out()).contains("Greets people by name", "status: eligible");
        assertThat(doctor.status()).as(doctor.toString()).isZero();
        assertThat(doctor.out()).contains("No problems found.");
    }

    @Test
    void refusesABadNameAnExistingFolderAndAnUnknownRuntimeWritingNothing() throws Exception {
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");

        Result badName = pincer(Map.of(), "plugins", "create", "My Plugin", "--dir", tmp.toString());
        Result existing = pincer(Map.of(), "plugins", "create", "taken", "--dir", tmp.toString());
        Result runtime = pincer(Map.of(), "plugins", "create", "fine", "--runtime", "rust", "--dir", tmp.toString());

        assertThat(badName.status()).isEqualTo(1);
        assertThat(badName.err())
                .contains("error: 'My Plugin' is not a valid plugin name: use lower-case letters and digits")
                .contains("nothing was written");
        assertThat(existing.status()).isEqualTo(1);
        assertThat(existing.err()).contains("error: " + taken + " already exists and is not an empty folder");
        assertThat(runtime.status()).isEqualTo(2);
        assertThat(runtime.err()).contains("Unknown runtime 'rust' for --runtime: use one of jvm, wasm, mcp, skills");
        assertThat(listing(tmp)).containsExactlyInAnyOrder("err", "out", "taken", "taken/notes.txt");
    }

    /** Runs {@code tool} from a fresh home whose config points at {@code pluginFolder}. */
    private void assertRunsInPincer(Path pluginFolder, String tool) throws Exception {
        Map<String, String> env = home(pluginFolder);

        Result call = pincer(env, "tools", "call", tool, "--args", "{\"name\": \"Ada\"}");

        assertThat(call.status()).as(call.toString()).isZero();
        assertThat(call.out()).isEqualTo("Hello, Ada!\n");
        assertThat(call.err()).doesNotContain("does not declare", "warning");
    }

    /** Returns the environment of a fresh Pincer home whose config lists {@code pluginFolder}. */
    private Map<String, String> home(Path pluginFolder) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("pincer-home-" + pluginFolder.getFileName()));
        Files.writeString(
                home.resolve("config.toml"),
                "[plugins]\npaths = [\"" + pluginFolder.toString().replace("\\", "\\\\") + "\"]\n");
        return Map.of("PINCER_HOME", home.toString());
    }

    /** Returns the Maven command that builds a generated project offline against this build. */
    private List<String> mavenCommand(String goal) throws IOException {
        Path reactor = fileRepository(tmp.resolve("pincer-artifacts"));
        Path shared = Path.of(required("pincer.m2.repo"));
        Path local = Path.of("target", "create-it-m2").toAbsolutePath();
        deleteTree(local.resolve("dev").resolve("pincer")); // earlier runs' copies of this build
        Path settings = Files.writeString(tmp.resolve("settings.xml"), settings(reactor, shared));
        String home = System.getProperty("maven.home");
        String mvn = home == null || home.isBlank()
                ? "mvn"
                : Path.of(home, "bin", "mvn").toString();
        return List.of(
                mvn,
                "-B",
                "-ntp",
                "-o",
                "-Daether.offline.protocols=file",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + local,
                goal);
    }

    /** Lays this build's Pincer artifacts out as a Maven repository in {@code root}. */
    private Path fileRepository(Path root) throws IOException {
        for (String module : List.of("pincer-api", "pincer-core", "pincer-testkit")) {
            Path jarFile = repo.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
            assertThat(jarFile).as("built by this reactor before pincer-cli").isRegularFile();
            Files.copy(jarFile, artifact(root, module, "jar"));
            Files.copy(repo.resolve(module).resolve("pom.xml"), artifact(root, module, "pom"));
        }
        Files.copy(repo.resolve("pom.xml"), artifact(root, "pincer-parent", "pom"));
        Files.copy(repo.resolve("pincer-bom").resolve("pom.xml"), artifact(root, "pincer-bom", "pom"));
        return root;
    }

    private static Path artifact(Path root, String artifactId, String extension) throws IOException {
        Path folder = Files.createDirectories(
                root.resolve("dev").resolve("pincer").resolve(artifactId).resolve(VERSION));
        return folder.resolve(artifactId + "-" + VERSION + "." + extension);
    }

    private static String settings(Path reactor, Path shared) {
        return "<settings>\n  <profiles>\n    <profile>\n      <id>create-it</id>\n      <repositories>\n"
                + repository("repository", "pincer-reactor", reactor)
                + repository("repository", "local-m2", shared)
                + "      </repositories>\n      <pluginRepositories>\n"
                + repository("pluginRepository", "local-m2", shared)
                + "      </pluginRepositories>\n    </profile>\n  </profiles>\n"
                + "  <activeProfiles>\n    <activeProfile>create-it</activeProfile>\n  </activeProfiles>\n"
                + "</settings>\n";
    }

    private static String repository(String element, String id, Path folder) {
        return "        <" + element + "><id>" + id + "</id><url>" + folder.toUri() + "</url>"
                + "<releases><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots></" + element + ">\n";
    }

    private static List<String> npm(String script) {
        return script.equals("install")
                ? List.of("npm", "install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error")
                : List.of("npm", script);
    }

    private Result pincer(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return execute(tmp, env, command, PINCER_TIMEOUT_SECONDS);
    }

    private Result run(Path directory, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        return execute(directory, env, command, BUILD_TIMEOUT_SECONDS);
    }

    private Result execute(Path directory, Map<String, String> env, List<String> command, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // Set by the mvn script that runs this test; a nested build must find its own project base.
        builder.environment().remove("MAVEN_PROJECTBASEDIR");
        builder.environment().remove("MAVEN_BASEDIR");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(out)
                    + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.equals(root))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by failsafe)", property).isNotBlank();
        return value;
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}
