package dev.pincer.core.skills;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Holds what the machine offers that skills may require: the environment, the binaries on {@code
 * PATH} and the operating system, under the names OpenClaw uses ({@code darwin}, {@code linux},
 * {@code win32}).
 *
 * <p>Immutable and thread-safe; built at the edge and passed in, so nothing deeper reads the
 * process environment.
 *
 * @param env the environment variables
 * @param os the operating system: {@code darwin}, {@code linux}, {@code win32} or another lower-case name
 * @param path the folders searched for binaries, in order
 * @since 0.1.0
 */
public record SkillFacts(Map<String, String> env, String os, List<Path> path) {

    public SkillFacts {
        env = Map.copyOf(env);
        Objects.requireNonNull(os, "os");
        path = List.copyOf(path);
    }

    /**
     * Returns the facts of a machine whose environment is {@code env} (its {@code PATH} split on
     * the platform's separator) and whose {@code os.name} is {@code osName}.
     */
    public static SkillFacts of(Map<String, String> env, String osName) {
        List<Path> folders = new ArrayList<>();
        String path = env.getOrDefault("PATH", "");
        for (String part : path.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                try {
                    folders.add(Path.of(part));
                } catch (InvalidPathException e) {
                    // A malformed PATH entry holds no binaries.
                }
            }
        }
        return new SkillFacts(env, normaliseOs(osName), folders);
    }

    /** Returns OpenClaw's name for the operating system called {@code osName} by Java or a skill. */
    public static String normaliseOs(String osName) {
        String os = osName.toLowerCase(Locale.ROOT).strip();
        if (os.startsWith("mac") || os.equals("darwin") || os.equals("osx")) {
            return "darwin";
        }
        if (os.startsWith("windows") || os.equals("win32") || os.equals("win")) {
            return "win32";
        }
        if (os.startsWith("linux")) {
            return "linux";
        }
        return os;
    }

    /** Returns whether an executable file called {@code binary} is in one of the {@link #path()} folders. */
    public boolean onPath(String binary) {
        if (binary.isBlank() || binary.contains("/") || binary.contains("\\")) {
            return false;
        }
        for (Path folder : path) {
            try {
                Path candidate = folder.resolve(binary);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return true;
                }
                if (os.equals("win32") && Files.isRegularFile(folder.resolve(binary + ".exe"))) {
                    return true;
                }
            } catch (InvalidPathException e) {
                return false;
            }
        }
        return false;
    }

    /** Returns whether the environment variable {@code name} is set to something other than blanks. */
    public boolean hasEnv(String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
