package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Fetches what a {@link SourceRequest} names into a staging folder.
 *
 * <p>Stateless.
 *
 * @since 0.1.0
 */
public final class Sources {

    private Sources() {}

    /**
     * Fetches {@code request} into {@code staging} (an empty folder the caller owns and deletes).
     *
     * @throws PincerException saying what was wrong with the source and what to do
     */
    public static Fetched fetch(SourceRequest request, Path staging, InstallLimits limits, Progress progress) {
        Path folder = Path.of(request.source()).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new PincerException(
                    "install.source", null, folder, "'" + request.source() + "' is not a folder", null);
        }
        if (request.link()) {
            return new Fetched(folder, Fetched.Kind.LINK, folder.toString(), null, null);
        }
        Path target = staging.resolve("plugin");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(folder.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Fetched(target, Fetched.Kind.FOLDER, folder.toString(), null, null);
    }
}
