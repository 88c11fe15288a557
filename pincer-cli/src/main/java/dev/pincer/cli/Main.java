package dev.pincer.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts the {@code pincer} command: the one place that reads the process environment and system
 * properties, and the one place that exits.
 *
 * @since 0.1.0
 */
public final class Main {

    private Main() {}

    /** Runs the command line and exits with its status. */
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    public static void main(String[] args) {
        // Plugins log through System.Logger (java.util.logging here): one line per record, on
        // standard error, e.g. "INFO: [hello-c] greeted Ada", unless the user set a format.
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%4$s: %5$s%6$s%n");
        }
        Supplier<HostServices> services = HostServices.inBackground();
        String bundled = System.getProperty("pincer.bundled");
        Path cwd = Path.of("").toAbsolutePath();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = run(
                args,
                services,
                new Environment(withHome(System.getenv()), cwd, bundled == null ? null : Path.of(bundled)),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                out,
                err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Returns the environment with {@code HOME} and {@code USER} filled in from the JVM when the
     * shell left them unset.
     */
    private static Map<String, String> withHome(Map<String, String> env) {
        if (env.containsKey("HOME") && (env.containsKey("USER") || env.containsKey("LOGNAME"))) {
            return env;
        }
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.putIfAbsent("HOME", System.getProperty("user.home"));
        if (!env.containsKey("LOGNAME")) {
            copy.putIfAbsent("USER", System.getProperty("user.name"));
        }
        return copy;
    }

    /** Runs the command line in {@code environment} and returns the exit status; never exits. */
    public static int run(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        return run(args, HostServices::create, environment, new BufferedReader(new StringReader("")), out, err);
    }

    /** Runs the command line with {@code in} as standard input and returns the exit status; never exits. */
    public static int run(String[] args, Environment environment, Reader in, PrintWriter out, PrintWriter err) {
        return run(args, HostServices::create, environment, new BufferedReader(in), out, err);
    }

    private static int run(
            String[] args,
            Supplier<HostServices> services,
            Environment environment,
            BufferedReader in,
            PrintWriter out,
            PrintWriter err) {
        try (PincerCommand top = new PincerCommand(services, environment, in, out, err)) {
            return PincerCommand.commandLine(top).execute(args);
        }
    }

    /**
     * Holds what the command reads from its surroundings.
     *
     * @param env the process environment ({@code PINCER_HOME}, {@code HOME}, and names plugin
     *     settings refer to)
     * @param workingDirectory the directory the command runs in: the default workspace
     * @param bundledPlugins the folder of bundled plugins, or {@code null}
     */
    public record Environment(Map<String, String> env, Path workingDirectory, Path bundledPlugins) {
        public Environment {
            env = Map.copyOf(env);
        }
    }
}
