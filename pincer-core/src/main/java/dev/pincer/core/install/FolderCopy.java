package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies a plugin folder into a new folder under the {@link InstallLimits}.
 *
 * <p>Skips every {@code .git} folder (and {@code .git} file of a worktree). A symbolic link to a regular file inside the source folder
 * is copied as a regular file holding the target's content; every other link (pointing outside
 * the folder, to a folder, or nowhere) is refused, as are FIFOs, sockets and devices, so a copy
 * never reads outside the folder nor blocks on a pipe.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class FolderCopy {

    private FolderCopy() {}

    /**
     * Copies folder {@code source} into {@code target}, a folder that must not exist yet.
     *
     * @throws PincerException naming the file refused, with a hint
     */
    public static void copy(Path source, Path target, InstallLimits limits, Progress progress) {
        progress.step("Copying " + source);
        Budget budget =
                new Budget(limits, progress, source, source.getFileName().toString(), -1, -1);
        try {
            Path root = source.toRealPath();
            Path parent = target.toAbsolutePath().getParent();
            if (Files.exists(parent) && parent.toRealPath().startsWith(root)) {
                throw new PincerException(
                        "install.copy",
                        null,
                        source,
                        "cannot copy plugin folder " + source + " into " + target + ", which lies inside it",
                        "install from a folder outside the Pincer home's staging area");
            }
            Files.createDirectories(target.getParent());
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root) && dir.getFileName().toString().equals(".git")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    budget.entry(root.relativize(dir).toString());
                    Files.createDirectory(target.resolve(root.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String relative = root.relativize(file).toString();
                    if (file.getFileName().toString().equals(".git")) {
                        return FileVisitResult.CONTINUE;
                    }
                    budget.entry(relative);
                    Path content = attrs.isSymbolicLink() ? linked(root, file) : file;
                    if (!Files.isRegularFile(content, LinkOption.NOFOLLOW_LINKS)) {
                        throw refused(file, "is a FIFO, socket or device, not a regular file");
                    }
                    try (InputStream in = Files.newInputStream(content, LinkOption.NOFOLLOW_LINKS)) {
                        budget.copy(in, target.resolve(relative));
                    }
                    if (Files.isExecutable(content)) {
                        target.resolve(relative).toFile().setExecutable(true, true);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PincerException(
                    "install.copy",
                    null,
                    source,
                    "could not copy plugin folder " + source + ": " + e,
                    "check that the folder is readable and the Pincer home has free space");
        }
        budget.finish();
    }

    /** Returns the regular file inside {@code root} that link {@code file} points to, or refuses it. */
    private static Path linked(Path root, Path file) throws IOException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw refused(file, "is a symbolic link to '" + Files.readSymbolicLink(file) + "', which does not exist");
        }
        if (!real.startsWith(root)) {
            throw refused(
                    file, "is a symbolic link to '" + Files.readSymbolicLink(file) + "', outside the plugin folder");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(file, "is a symbolic link to a folder or special file; only links to files are copied");
        }
        return real;
    }

    private static PincerException refused(Path file, String why) {
        return new PincerException(
                "install.folder-unsafe",
                null,
                file,
                "plugin file " + file + " " + why,
                "replace it by a regular file inside the plugin folder, or remove it");
    }
}
