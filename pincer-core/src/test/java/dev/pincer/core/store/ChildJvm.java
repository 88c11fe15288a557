package dev.pincer.core.store;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@code main} class of the test sources in a child JVM that prints {@code committed <n>}
 * after each commit, and kills it with SIGKILL once it has printed enough: a crash in the middle
 * of writing.
 */
public final class ChildJvm {

    private static final Pattern COMMITTED = Pattern.compile("committed (\\d+)");

    private ChildJvm() {}

    /**
     * Starts {@code main} with {@code args}, waits until it has printed {@code commits} commit
     * lines, kills it forcibly, and returns every sequence number it printed as committed.
     */
    public static List<Long> killAfter(Class<?> main, int commits, Path stderr, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command =
                new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child =
                new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        List<Long> committed = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(commits);
        Thread reader = new Thread(() -> read(child, committed, enough), "child-stdout");
        reader.start();
        try {
            if (!enough.await(3, TimeUnit.MINUTES)) {
                fail("the child printed " + committed.size() + " commits, not " + commits + "; its errors:\n"
                        + Files.readString(stderr));
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
            reader.join();
        }
        assertKilled(child, stderr);
        synchronized (committed) {
            return List.copyOf(committed);
        }
    }

    private static void assertKilled(Process child, Path stderr) throws IOException {
        // 137 = 128 + SIGKILL: the child did not end on its own, it was killed while writing.
        if (child.exitValue() != 137) {
            fail("the child ended with " + child.exitValue() + " before it was killed; its errors:\n"
                    + Files.readString(stderr));
        }
    }

    private static void read(Process child, List<Long> committed, CountDownLatch enough) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                // A line cut short by the kill still names a number already committed: a prefix of n's
                // digits is a smaller number, printed earlier.
                Matcher m = COMMITTED.matcher(line);
                if (m.matches()) {
                    synchronized (committed) {
                        committed.add(Long.parseLong(m.group(1)));
                    }
                    enough.countDown();
                }
            }
        } catch (IOException e) {
            // The pipe closes when the child is killed; what was read is what counts.
        }
    }
}
