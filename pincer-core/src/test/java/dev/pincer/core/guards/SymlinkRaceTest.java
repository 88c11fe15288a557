package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.FileAccess;
import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.permissions.Grant;
import dev.pincer.core.permissions.Grant.FileRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A racing thread swaps a symbolic link to an outside folder in and out of the path while the
 * service reads in a loop: the outside secret must never come back.
 */
class SymlinkRaceTest {

    private static final long RACE_NANOS = 1_500_000_000L;

    @TempDir
    Path tmp;

    @Test
    void aFolderSwappedForALinkBetweenCheckAndOpenNeverLeaksTheSecret() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("file.txt"), "SECRET");
        Path real = Files.createDirectories(root.resolve(".real"));
        Files.writeString(real.resolve("file.txt"), "public");
        Path link = Files.createSymbolicLink(root.resolve(".link"), outside);
        race(root, root.resolve("dir"), real, link, "dir/file.txt");
    }

    @Test
    void aFileSwappedForALinkBetweenCheckAndOpenNeverLeaksTheSecret() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("file.txt"), "SECRET");
        Path real = Files.writeString(root.resolve(".real"), "public");
        Path link = Files.createSymbolicLink(root.resolve(".link"), outside.resolve("file.txt"));
        race(root, root.resolve("file.txt"), real, link, "file.txt");
    }

    /** Flips {@code target} between {@code real} and {@code link} while reading {@code path}. */
    private static void race(Path root, Path target, Path real, Path link, String path) throws Exception {
        RecordingSink audit = new RecordingSink();
        Guards guards = new Guards(
                GuardSettings.defaults(),
                audit,
                Map.of(),
                Clock.systemUTC(),
                AddressResolver.system(),
                new RecordingTransport());
        FileAccess files = guards.forPlugin(
                        "racer", new Grant(List.of(), List.of(new FileRoot(root, Access.READ)), Set.of(), false), root)
                .files();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> flipFailure = new AtomicReference<>();
        AtomicInteger flips = new AtomicInteger();
        Thread flipper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.move(real, target, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(target, real, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(link, target, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(target, link, StandardCopyOption.ATOMIC_MOVE);
                    flips.incrementAndGet();
                }
            } catch (IOException e) {
                flipFailure.set(e);
            }
        });
        flipper.start();
        int publicReads = 0;
        int refusals = 0;
        long end = System.nanoTime() + RACE_NANOS;
        try {
            while (System.nanoTime() < end) {
                try {
                    String read = new String(files.read(path), StandardCharsets.UTF_8);
                    assertThat(read).as("the outside secret came back").isEqualTo("public");
                    publicReads++;
                } catch (AccessDeniedException e) {
                    refusals++;
                } catch (IOException e) {
                    // Missing or swapped mid-walk: refused by the open itself, which is the point.
                    refusals++;
                }
            }
        } finally {
            stop.set(true);
            flipper.join();
        }
        assertThat(flipFailure.get()).isNull();
        assertThat(flips.get()).as("the race really ran").isGreaterThan(100);
        assertThat(publicReads + refusals).isGreaterThan(100);
        assertThat(audit.everything()).doesNotContain("SECRET");
    }
}
