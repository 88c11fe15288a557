package dev.pincer.core.reload;

import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Says which folders a {@link FileWatcher} registers and which changed paths concern it, for a set
 * of watched folders (whole trees) and single files.
 *
 * <p>A target is registered through the nearest existing ancestor of its parent folder, so a
 * target that does not exist yet, or is deleted and made again, is still noticed. Only the folders
 * on the way to a target and the folders inside a watched folder are visited, so watching {@code
 * pincer.toml} in a large workspace does not register the whole workspace. Immutable and
 * thread-safe; {@link #roots()} reads the file system each time.
 */
final class WatchScope {

    private final Set<Path> folders;
    private final Set<Path> files;

    WatchScope(Collection<Path> folders, Collection<Path> files) {
        this.folders = normalized(folders);
        this.files = normalized(files);
        for (Path file : this.files) {
            if (this.folders.contains(file)) {
                throw new IllegalArgumentException(
                        file + " is given both as a folder and as a single file to watch; give it once");
            }
        }
    }

    /** Returns every watched folder and file. */
    Set<Path> targets() {
        Set<Path> all = new TreeSet<>(folders);
        all.addAll(files);
        return all;
    }

    Set<Path> folders() {
        return folders;
    }

    Set<Path> files() {
        return files;
    }

    /**
     * Returns the folders to register: for each target the nearest existing ancestor of its parent,
     * leaving out any that lies inside another.
     */
    List<Path> roots() {
        Set<Path> candidates = new TreeSet<>();
        for (Path target : targets()) {
            Path start = target.getParent() == null ? target : target.getParent();
            Path existing = nearestExisting(start);
            if (existing != null) {
                candidates.add(existing);
            }
        }
        List<Path> roots = new ArrayList<>();
        for (Path candidate : candidates) {
            if (roots.stream().noneMatch(candidate::startsWith)) {
                roots.add(candidate);
            }
        }
        return roots;
    }

    /** Returns whether {@code dir} leads to a target or lies inside a watched folder. */
    boolean visits(Path dir) {
        for (Path folder : folders) {
            if (dir.startsWith(folder) || folder.startsWith(dir)) {
                return true;
            }
        }
        for (Path file : files) {
            if (file.getParent() != null && file.getParent().startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether a change to {@code path} is one the watcher reports. */
    boolean concerns(Path path) {
        if (files.contains(path)) {
            return true;
        }
        for (Path folder : folders) {
            if (path.startsWith(folder)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns a tree visitor for the watch library that walks only the folders {@link #visits}
     * accepts, following links to folders (a plugin folder linked in from a build is watched).
     */
    FileTreeVisitor visitor() {
        return (start, onDirectory, onFile) -> {
            if (!visits(start)) {
                return;
            }
            Files.walkFileTree(
                    start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                                throws IOException {
                            if (!visits(dir)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            onDirectory.call(dir);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                            if (concerns(file)) {
                                onFile.call(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            // Gone while walking, unreadable, or a link loop: nothing to register there.
                            return FileVisitResult.CONTINUE;
                        }
                    });
        };
    }

    private static Path nearestExisting(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static Set<Path> normalized(Collection<Path> paths) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : paths) {
            out.add(p.toAbsolutePath().normalize());
        }
        return Set.copyOf(out);
    }
}
