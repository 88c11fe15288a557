package dev.pincer.core.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Records what a {@link FileWatcher} delivers, and waits for it with generous deadlines. */
final class Batches implements FileWatcher.Listener {

    /** How long a test waits for something that should happen; only a failing test waits this long. */
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private final BlockingQueue<Set<Path>> received = new LinkedBlockingQueue<>();

    @Override
    public void changed(Set<Path> paths) {
        received.add(paths);
    }

    /** Returns the next batch, or fails once {@link #PATIENCE} has passed without one. */
    Set<Path> next() throws InterruptedException {
        Set<Path> batch = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (batch == null) {
            throw new AssertionError("no change was reported within " + PATIENCE);
        }
        return batch;
    }

    /** Returns batches until one contains {@code path}, or fails once {@link #PATIENCE} has passed. */
    List<Set<Path>> until(Path path) throws InterruptedException {
        List<Set<Path>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Set<Path> batch = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (batch == null) {
                break;
            }
            seen.add(batch);
            if (batch.contains(path)) {
                return seen;
            }
        }
        throw new AssertionError(path + " was not reported within " + PATIENCE + "; batches seen: " + seen);
    }

    /** Returns the batches that arrive within {@code period}, waiting all of it. */
    List<Set<Path>> during(Duration period) throws InterruptedException {
        List<Set<Path>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + period.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return seen;
            }
            Set<Path> batch = received.poll(left, TimeUnit.NANOSECONDS);
            if (batch != null) {
                seen.add(batch);
            }
        }
    }

    /** Polls {@code condition} until it holds, failing once {@link #PATIENCE} has passed. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " did not happen within " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }
}
