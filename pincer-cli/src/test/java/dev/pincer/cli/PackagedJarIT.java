package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Runs the packaged jar as a real process, the way the {@code pincer} script does. */
class PackagedJarIT {

    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path tmp;

    private Path jar;
    private Path repo;

    @BeforeEach
    void locateBuild() {
        jar = Path.of(required("pincer.cli.jar"));
        repo = Path.of(required("pincer.repo.root"));
        assertThat(jar).isRegularFile();
        assertThat(repo.resolve("plugins").resolve("pincer-guide")).isDirectory();
    }

    @Test
    void listsTheBundledGuideAsResolved() throws Exception {
        Result result = pincer(
                List.of("-Dpincer.bundled=" + repo.resolve("plugins")),
                "--home",
                tmp.resolve("home").toString(),
                "--workspace",
                tmp.resolve("workspace").toString(),
                "plugins",
                "list",
                "--json");

        assertThat(result.status()).as(result.toString()).isZero();
        JsonNode list = TestHost.JSON.readTree(result.out());
        JsonNode guide = null;
        for (JsonNode p : list) {
            if (p.get("id").asString().equals("pincer-guide")) {
                guide = p;
            }
        }
        assertThat(guide).as(result.out()).isNotNull();
        assertThat(guide.get("state").asString()).isEqualTo("resolved");
        assertThat(guide.get("source").asString()).isEqualTo("bundled");
        assertThat(guide.get("runtime").asString()).isEqualTo("skills");
        assertThat(guide.get("path").asString())
                .isEqualTo(repo.resolve("plugins")
                        .resolve("pincer-guide")
                        .toAbsolutePath()
                        .normalize()
                        .toString());
    }

    @Test
    void printsItsVersion() throws Exception {
        Result result = pincer(List.of(), "--version");

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("pincer 0.1.0\n");
    }

    @Test
    void exitStatusReachesTheShell() throws Exception {
        TestHost.plugin(tmp.resolve("home").resolve("plugins"), "broken", "{\"id\":\"broken\"");
        List<String> where = List.of(
                "--home",
                tmp.resolve("home").toString(),
                "--workspace",
                tmp.resolve("ws").toString());

        Result doctor = pincer(List.of(), concat(where, "plugins", "doctor"));
        Result usage = pincer(List.of(), concat(where, "plugins"));

        assertThat(doctor.status()).as(doctor.toString()).isEqualTo(1);
        assertThat(doctor.out()).contains("error [manifest.syntax] broken");
        assertThat(usage.status()).as(usage.toString()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing subcommand");
    }

    private Result pincer(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("pincer did not finish in " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String[] concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
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
