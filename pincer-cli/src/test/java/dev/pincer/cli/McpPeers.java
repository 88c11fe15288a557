package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the npm MCP peers that tools/mcp-peers installs (the conformance suite, the Inspector CLI)
 * and the packaged {@code pincer} jar as real child processes, for the ITs that test Pincer's MCP
 * endpoints against real clients.
 */
final class McpPeers {

    /** The pincer-cli jar the reactor packaged. */
    static final Path JAR = Path.of(System.getProperty("pincer.cli.jar"));

    /** tools/mcp-peers/node_modules, installed by the build before the tests. */
    static final Path MODULES = Path.of(System.getProperty("pincer.mcpPeers"));

    private McpPeers() {}

    /** Returns the folder of one installed package, e.g. {@code @modelcontextprotocol/conformance}. */
    static Path peer(String name) {
        Path dir = MODULES.resolve(name);
        assertThat(dir.resolve("package.json"))
                .as("the build installs the MCP peers (tools/mcp-peers/install.sh)")
                .exists();
        return dir;
    }

    /** Returns the command that runs the packaged pincer jar with {@code args}. */
    static List<String> pincer(String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code command} in {@code dir} and returns what it printed, killing it after {@code timeout}. */
    static Result run(Path dir, Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mcp-peer", ".out");
        Path err = Files.createTempFile("mcp-peer", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            return new Result(
                    finished ? process.exitValue() : -1, Files.readString(out), Files.readString(err), !finished);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** What a child process did. */
    record Result(int status, String out, String err, boolean timedOut) {
        @Override
        public String toString() {
            return "exit " + status + (timedOut ? " (killed: timed out)" : "") + "\n--- out ---\n" + out
                    + "--- err ---\n" + err;
        }
    }

    /**
     * A {@code pincer gateway --port 0} child process; its endpoint is the first line it prints.
     */
    static final class Gateway implements AutoCloseable {
        private final Process process;
        private final String url;

        private Gateway(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        /** Starts the gateway on {@code home} (which must exist) and waits until it serves. */
        static Gateway start(Path home, Path workspace) throws IOException {
            return start(home, workspace, java.util.Map.of());
        }

        /** Starts the gateway as {@link #start(Path, Path)} does, with {@code env} added to its environment. */
        static Gateway start(Path home, Path workspace, java.util.Map<String, String> env) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(pincer(
                            "--home", home.toString(), "--workspace", workspace.toString(), "gateway", "--port", "0"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(env);
            Process process = builder.start();
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            if (first == null || !first.startsWith("http://")) {
                process.destroyForcibly();
                throw new IllegalStateException("pincer gateway did not print its endpoint; first line: " + first);
            }
            // Keep draining standard output so the gateway never blocks on a full pipe.
            Thread drain = new Thread(() -> {
                try {
                    while (lines.readLine() != null) {
                        // discard
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            drain.setDaemon(true);
            drain.start();
            return new Gateway(process, first.strip());
        }

        /** Returns the MCP endpoint, e.g. {@code http://127.0.0.1:41853/mcp}. */
        String url() {
            return url;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
