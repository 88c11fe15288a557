package dev.pincer.core.skills;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists and reads the files of one skill folder ({@code scripts/}, {@code references/}, ...)
 * without ever following a symbolic link, within {@link SkillLimits}.
 *
 * <p>Hidden files and folders (names starting with {@code .}) are skipped. Every path segment is
 * checked not to be a link before a file is opened, and the file itself is opened with {@code
 * NOFOLLOW_LINKS}; a race remains only against someone who can already rewrite the skill's folder,
 * and therefore its instructions. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class SkillFiles {

    private SkillFiles() {}

    /**
     * The files of a skill and what was left out.
     *
     * @param files paths relative to the skill's folder with {@code /} separators, in name order
     * @param diagnostics a warning for each link not followed and each limit reached
     * @since 0.1.0
     */
    public record Listing(List<String> files, List<Diagnostic> diagnostics) {
        public Listing {
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Lists the files of the skill {@code name} in {@code folder}, {@code SKILL.md} included. */
    public static Listing list(Path folder, String name, SkillLimits limits, String pluginId) {
        Walk walk = new Walk(folder, name, limits, pluginId);
        walk.visit(folder, "", 0);
        return new Listing(walk.files, walk.findings);
    }

    /** One listing in progress. */
    private static final class Walk {
        private final Path folder;
        private final String name;
        private final SkillLimits limits;
        private final String pluginId;
        private final List<String> files = new ArrayList<>();
        private final List<Diagnostic> findings = new ArrayList<>();
        private int entries;
        private boolean full;

        Walk(Path folder, String name, SkillLimits limits, String pluginId) {
            this.folder = folder;
            this.name = name;
            this.limits = limits;
            this.pluginId = pluginId;
        }

        void visit(Path dir, String prefix, int depth) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path child : stream) {
                    children.add(child);
                    if (children.size() > limits.maxEntries()) {
                        break;
                    }
                }
            } catch (IOException e) {
                warn("skill.unreadable", dir, "skill '" + name + "': folder " + dir + " cannot be read (" + e + ")");
                return;
            }
            children.sort(null);
            for (Path child : children) {
                String childName = child.getFileName().toString();
                if (full || childName.startsWith(".")) {
                    continue;
                }
                if (++entries > limits.maxEntries()) {
                    full = true;
                    warn(
                            "skill.too-many-files",
                            folder,
                            "skill '" + name + "' has more than " + limits.maxEntries()
                                    + " files and folders; only the first " + limits.maxEntries()
                                    + " in name order are served");
                    return;
                }
                visitChild(child, prefix + childName, depth);
            }
        }

        private void visitChild(Path child, String relative, int depth) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                warn("skill.unreadable", child, "skill '" + name + "': " + child + " cannot be read (" + e + ")");
                return;
            }
            if (attributes.isSymbolicLink()) {
                warn(
                        "skill.symlink",
                        child,
                        "skill '" + name + "': '" + relative + "' is a symbolic link, which Pincer does not follow;"
                                + " it is not served");
            } else if (attributes.isDirectory()) {
                if (depth + 1 > limits.maxDepth()) {
                    warn(
                            "skill.too-deep",
                            child,
                            "skill '" + name + "': folder '" + relative + "' is nested " + (depth + 1)
                                    + " levels deep, more than the limit of " + limits.maxDepth()
                                    + "; its contents are not served");
                } else {
                    visit(child, relative + "/", depth + 1);
                }
            } else if (attributes.isRegularFile()) {
                files.add(relative);
            }
        }

        private void warn(String code, Path path, String message) {
            findings.add(Diagnostic.warning(
                    code,
                    pluginId,
                    path,
                    message,
                    "keep a skill's folder small and free of links; copy what it needs"));
        }
    }

    /**
     * Reads {@code relative}, a file of the skill whose folder is {@code folder}.
     *
     * @param relative a path with {@code /} separators, as {@link #list} gives them
     * @param maxBytes the largest file read
     * @throws PincerException {@code skill.file} when the path is not a plain relative path inside
     *     the folder, passes through a link, is not a regular file, or is larger than {@code maxBytes}
     */
    public static byte[] read(Path folder, String relative, int maxBytes) {
        Optional<String> problem = checkRelative(relative);
        if (problem.isPresent()) {
            throw refusal(folder, relative, problem.get());
        }
        Path current = folder;
        String[] segments = relative.split("/");
        try {
            for (int i = 0; i < segments.length; i++) {
                current = current.resolve(segments[i]);
                BasicFileAttributes attributes =
                        Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    throw refusal(folder, relative, "'" + segments[i] + "' is a symbolic link, which is not followed");
                }
                boolean last = i == segments.length - 1;
                if (!last && !attributes.isDirectory()) {
                    throw refusal(folder, relative, "'" + segments[i] + "' is not a folder");
                }
                if (last && !attributes.isRegularFile()) {
                    throw refusal(folder, relative, "it is not a regular file");
                }
                if (last && attributes.size() > maxBytes) {
                    throw refusal(
                            folder,
                            relative,
                            "it has " + attributes.size() + " bytes, more than the " + maxBytes + " served");
                }
            }
            try (InputStream in = Channels.newInputStream(
                    Files.newByteChannel(current, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw refusal(folder, relative, "it grew past the " + maxBytes + " bytes served");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw refusal(folder, relative, "it does not exist");
        } catch (IOException e) {
            throw refusal(folder, relative, "it cannot be read: " + e.getMessage());
        }
    }

    /** Returns why {@code relative} is not a plain path inside a folder, or empty when it is. */
    static Optional<String> checkRelative(String relative) {
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.indexOf('\0') >= 0) {
            return Optional.of("use a relative path with '/' separators, such as scripts/run.sh");
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("'.', '..' and empty segments are not allowed");
            }
            if (segment.startsWith(".")) {
                return Optional.of("hidden files are not served");
            }
        }
        return Optional.empty();
    }

    private static PincerException refusal(Path folder, String relative, String why) {
        return new PincerException(
                "skill.file",
                null,
                folder,
                "cannot serve '" + relative + "' of the skill in " + folder + ": " + why,
                "list the skill's files with `pincer skills inspect <name>`");
    }
}
