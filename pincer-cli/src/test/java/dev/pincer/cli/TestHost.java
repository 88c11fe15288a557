package dev.pincer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Pincer installation in a temporary folder: a home, a workspace and a bundled folder, with
 * helpers that write plugin folders and config files and run the CLI in-process against them.
 */
final class TestHost {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final Path home;
    final Path workspace;
    final Path bundled;
    private final Map<String, String> env = new HashMap<>();

    TestHost(Path root) {
        this.home = root.resolve("home");
        this.workspace = root.resolve("workspace");
        this.bundled = root.resolve("bundled");
        env.put("HOME", root.resolve("user").toString());
        try {
            Files.createDirectories(home);
            Files.createDirectories(workspace);
            Files.createDirectories(bundled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets an environment variable the CLI sees. */
    TestHost env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path homePlugins() {
        return home.resolve("plugins");
    }

    Path workspacePlugins() {
        return workspace.resolve(".pincer").resolve("plugins");
    }

    Path homeConfig() {
        return home.resolve("config.toml");
    }

    Path workspaceConfig() {
        return workspace.resolve("pincer.toml");
    }

    /** Writes {@code <root>/<folder>/pincer-plugin.json} and returns the plugin folder. */
    static Path plugin(Path root, String folder, String manifestJson) {
        return write(root.resolve(folder).resolve("pincer-plugin.json"), manifestJson)
                .getParent();
    }

    Path homePlugin(String id, String version) {
        return plugin(homePlugins(), id, Manifests.minimal(id, version));
    }

    Path workspacePlugin(String id, String version) {
        return plugin(workspacePlugins(), id, Manifests.minimal(id, version));
    }

    static Path write(Path file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code pincer --home <home> --workspace <workspace> args…} in the workspace. */
    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--workspace", workspace.toString()));
        all.addAll(List.of(args));
        return runBare(all.toArray(String[]::new));
    }

    /** Runs {@code pincer args…} in the workspace, without the global options. */
    Run runBare(String... args) {
        return Run.of(new Main.Environment(env, workspace, bundled), "", args);
    }

    /** Runs {@code pincer --home … --workspace … args…} with {@code input} on standard input. */
    Run runWithInput(String input, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--workspace", workspace.toString()));
        all.addAll(List.of(args));
        return Run.of(new Main.Environment(env, workspace, bundled), input, all.toArray(String[]::new));
    }

    /** Runs the command and returns its output parsed as JSON, failing if the status is not 0. */
    JsonNode json(String... args) {
        Run run = run(args);
        if (run.status() != 0) {
            throw new AssertionError("exit " + run.status() + " for " + List.of(args) + "\n" + run.err() + run.out());
        }
        return run.json();
    }

    /** What one run of the CLI did. */
    record Run(int status, String out, String err) {

        static Run of(Main.Environment environment, String input, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status;
            try (PrintWriter o = new PrintWriter(out);
                    PrintWriter e = new PrintWriter(err)) {
                status = Main.run(args, environment, new java.io.StringReader(input), o, e);
            }
            return new Run(status, out.toString(), err.toString());
        }

        JsonNode json() {
            return JSON.readTree(out);
        }

        /** Returns stdout and stderr together, for checks on everything the user sees. */
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}
