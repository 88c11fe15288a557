package dev.pincer.core.guards;

import dev.pincer.api.access.ProcessAccess;
import dev.pincer.api.access.ProcessOptions;
import dev.pincer.api.access.ProcessResult;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.permissions.Grant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The process service of one plugin, for plugins granted {@code shell}: runs a program with its
 * arguments exactly as given (never through a shell), in a cleared environment.
 *
 * <p><b>Environment.</b> The child gets only {@code PATH}, copied from the host's environment so
 * programs can be found by name, plus the {@link ProcessOptions#environment()} entries, whose names
 * must each be in the plugin's env grant (a plugin may set {@code PATH} itself only if granted).
 * <b>Working folder.</b> {@link ProcessOptions#workingDirectory()} must lie under a granted file
 * root (any mode) or the plugin's data folder, judged on real paths; relative folders are resolved
 * against the data folder, which is the default and is created when needed. <b>Limits.</b> The
 * time limit is the plugin's, capped at {@link GuardSettings#processTimeout()}; output streams are
 * capped at {@link GuardSettings#maxProcessOutputBytes()} each.
 *
 * <p>Each run is audited (kind PROCESS, action {@code run}, target the program, outcome {@code exit
 * N} or {@code timed out}); arguments are never recorded, since they may carry secrets.
 * Thread-safe.
 *
 * @since 0.1.0
 */
final class GuardedProcesses implements ProcessAccess {

    private final Grant grant;
    private final Path dataDirectory;
    private final Map<String, String> environment;
    private final GuardSettings settings;
    private final Auditor auditor;

    GuardedProcesses(
            Grant grant, Path dataDirectory, Map<String, String> environment, GuardSettings settings, Auditor auditor) {
        this.grant = grant;
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.environment = environment;
        this.settings = settings;
        this.auditor = auditor;
    }

    @Override
    public ProcessResult run(List<String> command, ProcessOptions options) throws IOException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(options, "options");
        if (command.isEmpty()
                || command.stream().anyMatch(Objects::isNull)
                || command.get(0).isEmpty()) {
            throw new IllegalArgumentException(
                    "a command is a program followed by its arguments, none null; got " + command.size() + " elements");
        }
        String program = command.get(0);
        Instant started = auditor.now();
        Path directory;
        Map<String, String> childEnvironment;
        try {
            if (!grant.shell()) {
                throw new Denial(
                        program, "it was not granted shell; run `pincer plugins inspect " + auditor.pluginId() + "`");
            }
            childEnvironment = childEnvironment(program, options.environment());
            directory = directory(program, options.workingDirectory());
        } catch (Denial denial) {
            auditor.denied(Kind.PROCESS, "run", program, denial.reason());
            throw denial.toException(auditor.pluginId(), "run");
        }
        ProcessResult result = start(command, options, directory, childEnvironment, started);
        String outcome = result.timedOut() ? "timed out" : "exit " + result.exitCode();
        auditor.allowed(Kind.PROCESS, "run", program, started, outcome);
        return result;
    }

    private ProcessResult start(
            List<String> command,
            ProcessOptions options,
            Path directory,
            Map<String, String> childEnvironment,
            Instant started)
            throws IOException {
        try {
            Files.createDirectories(directory);
            return ProcessRunner.run(
                    command,
                    directory,
                    childEnvironment,
                    options.input(),
                    timeout(options.timeout()),
                    settings.maxProcessOutputBytes(),
                    "pincer-process-" + auditor.pluginId());
        } catch (IOException e) {
            auditor.allowed(Kind.PROCESS, "run", command.get(0), started, "failed to start");
            throw e;
        }
    }

    private Map<String, String> childEnvironment(String program, Map<String, String> asked) throws Denial {
        TreeSet<String> refused = new TreeSet<>(asked.keySet());
        refused.removeAll(grant.env());
        if (!refused.isEmpty()) {
            throw new Denial(
                    program,
                    "environment variable(s) " + String.join(", ", refused) + " are outside its env grant and cannot be"
                            + " passed to a process; run `pincer plugins inspect " + auditor.pluginId() + "`");
        }
        Map<String, String> child = new LinkedHashMap<>();
        String path = environment.get("PATH");
        if (path != null) {
            child.put("PATH", path);
        }
        child.putAll(asked);
        return child;
    }

    private Path directory(String program, String asked) throws Denial {
        if (asked == null) {
            return dataDirectory;
        }
        Path directory;
        try {
            directory = dataDirectory.resolve(asked).normalize();
        } catch (InvalidPathException e) {
            throw new Denial(program, "working folder '" + asked + "' is not a valid path");
        }
        Path real = realOrSelf(directory);
        if (under(directory, real, dataDirectory)) {
            return directory;
        }
        for (Grant.FileRoot root : grant.files()) {
            if (under(directory, real, root.root())) {
                return directory;
            }
        }
        throw new Denial(
                program,
                "working folder " + directory + " is outside the plugin's data folder (" + dataDirectory + ") and its"
                        + " granted file roots");
    }

    /** Lexically under {@code root}, and, when it exists, really under it too (no link out). */
    private static boolean under(Path directory, Path real, Path root) {
        return directory.startsWith(root) && (!Files.exists(directory) || real.startsWith(realOrSelf(root)));
    }

    private static Path realOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    private Duration timeout(Duration asked) {
        Duration limit = settings.processTimeout();
        return asked == null || asked.isNegative() || asked.isZero() || asked.compareTo(limit) > 0 ? limit : asked;
    }
}
