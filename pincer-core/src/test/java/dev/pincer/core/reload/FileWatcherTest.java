package dev.pincer.core.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatcherTest {

    @TempDir
    Path dir;

    private final Batches batches = new Batches();
    private final List<FileWatcher> started = new ArrayList<>();

    @AfterEach
    void closeWatchers() {
        started.forEach(FileWatcher::close);
    }

    private FileWatcher start(FileWatcher.Builder builder) {
        FileWatcher watcher = builder.start(batches);
        started.add(watcher);
        return watcher;
    }

    @Test
    void reportsCreateModifyAndDeleteInNestedFolders() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path deep = Fixtures.file(plugins.resolve("weather/lib/inner/old.jar"), "v1");
        start(FileWatcher.builder().folder(plugins));

        Path created = Fixtures.file(plugins.resolve("weather/lib/inner/new.jar"), "v1");
        assertThat(batches.until(created)).last().satisfies(b -> assertThat(b).allMatch(p -> p.startsWith(plugins)));

        Files.writeString(deep, "v2");
        batches.until(deep);

        Files.delete(deep);
        batches.until(deep);

        Path inNewFolders = Fixtures.file(plugins.resolve("news/a/b/manifest.json"), "{}");
        batches.until(inNewFolders);
        Files.writeString(inNewFolders, "{\"v\":2}");
        batches.until(inNewFolders);
    }

    @Test
    void watchesASingleFileWithoutReportingItsNeighbours() throws Exception {
        Path home = dir.resolve("home");
        Path config = Fixtures.file(home.resolve("config.toml"), "");
        Path neighbour = Fixtures.file(home.resolve("notes.txt"), "");
        start(FileWatcher.builder().file(config).debounce(Duration.ofMillis(50)));

        Files.writeString(neighbour, "x");
        Fixtures.file(home.resolve("plugins/x/pincer-plugin.json"), "{}");
        assertThat(batches.during(Duration.ofMillis(600))).isEmpty();

        Files.writeString(config, "[reload]\n");
        assertThat(batches.next()).containsExactly(config);

        Path temp = Fixtures.file(home.resolve("config.toml.tmp"), "[plugins]\n");
        Files.move(temp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(batches.next()).containsExactly(config);
    }

    @Test
    void noticesAFolderThatIsCreatedAfterTheWatchStarted() throws Exception {
        Path skills = dir.resolve("home/skills");
        Path config = dir.resolve("home/config.toml");
        start(FileWatcher.builder().folder(skills).file(config));

        Path skill = Fixtures.file(skills.resolve("weather/SKILL.md"), "---\nname: weather\n---\n");
        batches.until(skill);

        Path script = Fixtures.file(skills.resolve("weather/scripts/run.sh"), "echo 1");
        batches.until(script);
        Files.writeString(script, "echo 2");
        batches.until(script);

        Fixtures.file(config, "");
        batches.until(config);
    }

    @Test
    void aBurstOfWritesGivesOneCallback() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        start(FileWatcher.builder().folder(plugins));

        // Like a build copying 200 files over one second: paced by the clock, not by sleeps that add up.
        List<Path> written = new ArrayList<>();
        long begin = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            written.add(Fixtures.file(plugins.resolve("build/lib/part-" + i + ".class"), "x" + i));
            long due = begin + Duration.ofMillis(5L * (i + 1)).toNanos();
            long early = due - System.nanoTime();
            if (early > 0) {
                Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        Set<Path> batch = batches.next();
        assertThat(batch).as("one batch for a burst that took %s", took).containsAll(written);
        assertThat(batches.during(Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aTrickleThatNeverGoesQuietIsStillDeliveredAtTheMaxWait() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        start(FileWatcher.builder()
                .folder(plugins)
                .debounce(Duration.ofMillis(300))
                .maxWait(Duration.ofMillis(600)));

        Path log = plugins.resolve("trickle.log");
        long end = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        int deliveredWhileWriting = 0;
        while (System.nanoTime() - end < 0) {
            Files.writeString(
                    log, "line\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            deliveredWhileWriting += batches.during(Duration.ofMillis(50)).size();
        }

        assertThat(deliveredWhileWriting).isPositive();
    }

    @Test
    void reportsNothingWhenNothingChanges() throws Exception {
        Path plugins = Fixtures.file(dir.resolve("plugins/a/pincer-plugin.json"), "{}")
                .getParent()
                .getParent();
        Fixtures.file(dir.resolve("elsewhere/file.txt"), "");
        start(FileWatcher.builder().folder(plugins));

        Files.writeString(dir.resolve("elsewhere/file.txt"), "changed");
        Files.readString(plugins.resolve("a/pincer-plugin.json"));

        assertThat(batches.during(Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aThrowingListenerIsLoggedAndWatchingGoesOn() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        AtomicInteger calls = new AtomicInteger();
        FileWatcher watcher = FileWatcher.builder().folder(plugins).start(paths -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the reload broke");
            }
            batches.changed(paths);
        });
        started.add(watcher);

        Fixtures.file(plugins.resolve("first.txt"), "");
        Batches.await("the first call", () -> calls.get() == 1);
        Path second = Fixtures.file(plugins.resolve("second.txt"), "");

        batches.until(second);
    }

    @Test
    void setsTheWatchUpAgainWhenItsFoldersAreDeletedAndMadeAgain() throws Exception {
        Path plugins = dir.resolve("a/b/plugins");
        Path inside = Fixtures.file(plugins.resolve("x/pincer-plugin.json"), "{}");
        start(FileWatcher.builder().folder(plugins));

        deleteTree(dir.resolve("a"));
        batches.until(inside);

        Path again = Fixtures.file(plugins.resolve("y/pincer-plugin.json"), "{}");
        long deadline = System.nanoTime() + Batches.PATIENCE.toNanos();
        boolean seen = false;
        for (int i = 0; !seen && System.nanoTime() - deadline < 0; i++) {
            Files.writeString(again, "{\"v\":" + i + "}");
            seen = batches.during(Duration.ofMillis(400)).stream().anyMatch(b -> b.contains(again));
        }
        assertThat(seen).as("a write in the folder made again is reported").isTrue();
    }

    @Test
    void closeStopsItsThreadsAndFreesTheOperatingSystemWatch() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        long inotifyBefore = inotifyHandles();
        for (int i = 0; i < 40; i++) {
            FileWatcher watcher = FileWatcher.builder().folder(plugins).start(batches);
            Fixtures.file(plugins.resolve("f" + i), "");
            watcher.close();
            watcher.close();
        }

        Batches.await("every watcher thread to end", () -> watcherThreads().isEmpty());
        if (inotifyBefore >= 0) {
            assertThat(inotifyHandles()).isEqualTo(inotifyBefore);
        }
    }

    @Test
    void refusesABuilderThatContradictsItself() {
        assertThatThrownBy(() -> FileWatcher.builder().start(batches))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("nothing to watch: add a folder or a file before start()");
        assertThatThrownBy(() ->
                        FileWatcher.builder().debounce(Duration.ofMillis(100)).debounce(Duration.ofSeconds(1)))
                .hasMessage("debounce is set twice (PT0.1S, then PT1S); set it once");
        assertThatThrownBy(() -> FileWatcher.builder()
                        .folder(dir)
                        .debounce(Duration.ofSeconds(2))
                        .maxWait(Duration.ofSeconds(1))
                        .start(batches))
                .hasMessage("max wait PT1S is shorter than the debounce PT2S; make it at least as long");
        assertThatThrownBy(() -> FileWatcher.builder().folder(dir).file(dir).start(batches))
                .hasMessage(dir.toAbsolutePath().normalize()
                        + " is given both as a folder and as a single file to watch; give it once");
        assertThat(watcherThreads()).isEmpty();
    }

    @Test
    void defaultsToTheConfiguredDebounceAndATwoSecondCap() {
        FileWatcher watcher = start(FileWatcher.builder().folder(dir));
        assertThat(watcher.debounce()).isEqualTo(Duration.ofMillis(150));
        assertThat(watcher.maxWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(watcher.folders()).containsExactly(dir.toAbsolutePath().normalize());
        assertThat(start(FileWatcher.builder().file(dir.resolve("x")).debounce(Duration.ofSeconds(1)))
                        .maxWait())
                .isEqualTo(Duration.ofSeconds(10));
    }

    private static List<String> watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("pincer-watch-"))
                .toList();
    }

    /** Returns how many inotify instances this process holds, or -1 where that cannot be seen. */
    private static long inotifyHandles() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString().contains("inotify");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .count();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
