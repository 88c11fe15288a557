package dev.pincer.core.reload;

import dev.pincer.core.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the time from a file write to the watcher's callback, with the default debounce. Run
 * with {@code -Dpincer.measure=true}; it prints the figures and asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "pincer.measure", matches = "true")
class FileWatcherLatencyTest {

    private static final int RUNS = 50;

    @TempDir
    Path dir;

    @Test
    void measuresWriteToCallbackLatency() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(RUNS * 4);
        long[] millis = new long[RUNS];
        try (FileWatcher watcher =
                FileWatcher.builder().folder(plugins).start(paths -> arrivals.add(System.nanoTime()))) {
            for (int i = 0; i < RUNS; i++) {
                long written = System.nanoTime();
                Fixtures.file(plugins.resolve("weather/lib/weather-" + (i % 5) + ".jar"), "build " + i);
                Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new AssertionError("run " + i + ": no callback within 10 s");
                }
                millis[i] = TimeUnit.NANOSECONDS.toMillis(arrived - written);
                Thread.sleep(50);
                arrivals.clear();
            }
            Arrays.sort(millis);
            System.out.printf(
                    "FileWatcher write->callback over %d runs, debounce %s: p50 %d ms, p90 %d ms, min %d ms, max %d ms%n",
                    RUNS, watcher.debounce(), millis[RUNS / 2], millis[RUNS * 9 / 10], millis[0], millis[RUNS - 1]);
        }
    }
}
