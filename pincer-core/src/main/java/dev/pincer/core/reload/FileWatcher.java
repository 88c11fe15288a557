package dev.pincer.core.reload;

import dev.pincer.core.config.ReloadSettings;
import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.helpers.NOPLogger;

/**
 * Watches folders (with everything inside them) and single files, and calls a {@link Listener}
 * once per burst of changes with the set of paths that changed.
 *
 * <p><b>Debounce.</b> Changes are collected until the watched files have been quiet for the
 * debounce time ({@code [reload] debounce}, 150 ms unless configured), then the listener is called
 * once with every changed path. A trickle that never goes quiet is still delivered once the first
 * pending change has waited the max wait: by default the longer of 2 s and ten times the debounce.
 * So a build that copies 200 files over one second gives one call; one that keeps writing for
 * longer gives one call per max wait.
 *
 * <p><b>What is watched.</b> A folder is watched with all its subfolders; a single file through its
 * parent folder, reporting only that file. A target that does not exist yet (such as {@code
 * $PINCER_HOME/skills} before the first skill is installed) is watched through its nearest existing
 * ancestor, visiting only the folders on the way to it, and is fully watched from the moment it is
 * created. Links to folders present inside a watched folder are followed. If every registered
 * folder disappears, or one of them is deleted, the watch is set up again within about a second and
 * every target is reported as changed, since changes in between may have been missed; the same
 * happens when the operating system drops events (overflow).
 *
 * <p><b>Threads.</b> Each watcher uses one thread that reads file-system events ({@code
 * pincer-watch-…-events}) and one that calls the listener ({@code pincer-watch-…-changes}), so calls
 * never overlap; changes that arrive during a call are delivered in the next one. A listener that
 * throws is logged to the {@link System.Logger} named after this class, and watching goes on.
 * {@link #close()} stops both threads and frees the operating system's watch.
 *
 * <p>Uses {@code io.methvin:directory-watcher} (inotify on Linux, FSEvents on macOS, the JDK's
 * recursive watch on Windows), without content hashing: a write that leaves a file unchanged is
 * still reported. Thread-safe.
 *
 * @since 0.1.0
 */
public final class FileWatcher implements AutoCloseable {

    /** The shortest max wait, whatever the debounce. */
    public static final Duration MIN_MAX_WAIT = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(FileWatcher.class.getName());
    private static final long ROOT_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long JOIN_MILLIS = 10_000;

    private final WatchScope scope;
    private final Listener listener;
    private final Duration debounce;
    private final Duration maxWait;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final Debouncer debouncer;
    private final Object lifecycle = new Object();
    private final Thread dispatcher;
    private volatile boolean closed;
    private boolean rebuildWanted; // guarded by lock
    private DirectoryWatcher library; // guarded by lifecycle
    private volatile List<Path> roots = List.of();
    /** The identity (inode) of each root when it was registered; a folder made again has a new one. */
    private volatile java.util.Map<Path, Object> rootKeys = java.util.Map.of();

    private volatile Thread events;

    private FileWatcher(WatchScope scope, Duration debounce, Duration maxWait, Listener listener) {
        this.scope = scope;
        this.debounce = debounce;
        this.maxWait = maxWait;
        this.listener = listener;
        this.debouncer = new Debouncer(debounce, maxWait);
        this.name = "pincer-watch-" + Integer.toHexString(System.identityHashCode(this));
        this.dispatcher = new Thread(this::dispatch, name + "-changes");
        dispatcher.setDaemon(true);
    }

    /** Returns a builder for a watcher. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the watched folders, absolute and normalised. */
    public Set<Path> folders() {
        return scope.folders();
    }

    /** Returns the watched single files, absolute and normalised. */
    public Set<Path> files() {
        return scope.files();
    }

    /** Returns how long the files must be quiet before the listener is called. */
    public Duration debounce() {
        return debounce;
    }

    /** Returns how long a change may wait for quiet before it is delivered anyway. */
    public Duration maxWait() {
        return maxWait;
    }

    /**
     * Stops watching: frees the operating system's watch and ends both threads, waiting up to 10 s
     * for a listener call in progress to return. Changes not yet delivered are dropped. Calling it
     * again does nothing.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
        synchronized (lifecycle) {
            stopLibrary();
        }
        join(dispatcher);
        join(events);
    }

    private void open() {
        synchronized (lifecycle) {
            try {
                library = startLibrary();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot watch " + scope.targets() + " (through " + scope.roots() + "): " + e.getMessage()
                                + "; check that the folders are readable and, on Linux, that"
                                + " fs.inotify.max_user_watches is large enough",
                        e);
            }
        }
        dispatcher.start();
    }

    private DirectoryWatcher startLibrary() throws IOException {
        List<Path> found = scope.roots();
        if (found.isEmpty()) {
            throw new IOException("none of the watched paths nor any of their parent folders exists");
        }
        DirectoryWatcher watcher = DirectoryWatcher.builder()
                .paths(found)
                .listener(new Events())
                .fileHashing(false)
                .fileTreeVisitor(scope.visitor())
                .logger(NOPLogger.NOP_LOGGER)
                .build();
        CompletableFuture<Void> loop = watcher.watchAsync(this::startEventThread);
        if (loop.isCompletedExceptionally()) {
            watcher.close();
            throw registrationFailure(loop);
        }
        loop.whenComplete((ignored, error) -> libraryStopped(watcher, error));
        roots = List.copyOf(found);
        rootKeys = keys(found);
        return watcher;
    }

    /** Returns each folder's identity; a path that is not a folder (any more) is left out. */
    private static java.util.Map<Path, Object> keys(List<Path> folders) {
        java.util.Map<Path, Object> keys = new java.util.HashMap<>();
        for (Path folder : folders) {
            try {
                java.nio.file.attribute.BasicFileAttributes a =
                        Files.readAttributes(folder, java.nio.file.attribute.BasicFileAttributes.class);
                if (a.isDirectory()) {
                    keys.put(folder, a.fileKey() != null ? a.fileKey() : folder);
                }
            } catch (IOException e) {
                // Gone: left out, so the keys differ from those registered.
            }
        }
        return keys;
    }

    private static IOException registrationFailure(CompletableFuture<Void> loop) {
        try {
            loop.join();
            return new IOException("the watch stopped at once");
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            return cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
    }

    private void startEventThread(Runnable loop) {
        Thread thread = new Thread(loop, name + "-events");
        thread.setDaemon(true);
        events = thread;
        thread.start();
    }

    private void stopLibrary() {
        if (library == null) {
            return;
        }
        try {
            library.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the file watch of " + roots + " failed", e);
        }
        library = null;
    }

    private void libraryStopped(DirectoryWatcher watcher, Throwable error) {
        synchronized (lifecycle) {
            if (closed || watcher != library) {
                return;
            }
        }
        if (error != null) {
            LOG.log(System.Logger.Level.WARNING, "the file watch of " + roots + " stopped; setting it up again", error);
        }
        lock.lock();
        try {
            rebuildWanted = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dispatch() {
        long nextCheck = System.nanoTime() + ROOT_CHECK_NANOS;
        while (true) {
            Set<Path> batch = null;
            lock.lock();
            try {
                while (batch == null) {
                    if (closed) {
                        return;
                    }
                    long now = System.nanoTime();
                    if (rebuildWanted || now - nextCheck >= 0) {
                        break;
                    }
                    long wait = debouncer.remaining(now);
                    if (wait <= 0) {
                        batch = debouncer.drain();
                    } else {
                        signal.awaitNanos(Math.min(wait, nextCheck - now));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (batch == null) {
                nextCheck = System.nanoTime() + ROOT_CHECK_NANOS;
                maintain();
            } else {
                deliver(batch);
            }
        }
    }

    /** Sets the watch up again when the library stopped or a registered folder vanished. */
    private void maintain() {
        boolean wanted;
        lock.lock();
        try {
            wanted = rebuildWanted;
            rebuildWanted = false;
        } finally {
            lock.unlock();
        }
        List<Path> current = roots;
        // A root deleted and made again between two checks is a folder the watch no longer sees.
        if (!wanted && !current.isEmpty() && keys(current).equals(rootKeys)) {
            return;
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            stopLibrary();
            roots = List.of();
            try {
                library = startLibrary();
            } catch (IOException | RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cannot watch " + scope.targets() + ": " + e.getMessage() + "; trying again in a second");
                return;
            }
        }
        record(scope.targets());
    }

    private void deliver(Set<Path> batch) {
        try {
            listener.changed(batch);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the listener of " + name + " failed on " + batch.size() + " changed path(s), first "
                            + batch.iterator().next() + "; watching goes on",
                    e);
        }
    }

    private void record(Collection<Path> paths) {
        lock.lock();
        try {
            debouncer.add(paths, System.nanoTime());
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void join(Thread thread) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        thread.getName() + " did not stop within " + JOIN_MILLIS + " ms of close(); interrupting it");
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Receives the library's events on the event thread. */
    private final class Events implements DirectoryChangeListener {
        @Override
        public void onEvent(DirectoryChangeEvent event) {
            if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
                record(scope.targets());
            } else if (event.path() != null && scope.concerns(event.path())) {
                record(List.of(event.path()));
            }
        }

        @Override
        public boolean isWatching() {
            return !closed;
        }

        @Override
        public void onException(Exception e) {
            // Mostly a folder deleted while it was being registered; its deletion is an event too.
            LOG.log(System.Logger.Level.DEBUG, "a file-system event of " + name + " could not be handled", e);
        }
    }

    /**
     * Receives each burst of changes.
     *
     * @since 0.1.0
     */
    @FunctionalInterface
    public interface Listener {
        /**
         * Handles one burst of changes; called on the watcher's own thread, never twice at once.
         *
         * @param paths the changed paths (created, modified or deleted), absolute, sorted, never
         *     empty; when changes may have been missed, every watched target
         * @throws Exception anything; it is logged and watching goes on
         */
        void changed(Set<Path> paths) throws Exception;
    }

    /**
     * Collects what to watch and how, and starts a {@link FileWatcher}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final List<Path> folders = new ArrayList<>();
        private final List<Path> files = new ArrayList<>();
        private Duration debounce;
        private Duration maxWait;

        private Builder() {}

        /** Adds a folder to watch with everything inside it; it need not exist yet. */
        public Builder folder(Path folder) {
            folders.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /** Adds folders to watch with everything inside them; they need not exist yet. */
        public Builder folders(Collection<Path> more) {
            more.forEach(this::folder);
            return this;
        }

        /** Adds a single file to watch; it need not exist yet. */
        public Builder file(Path file) {
            files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Sets how long the files must be quiet before the listener is called (default {@code
         * ReloadSettings.DEFAULT_DEBOUNCE}, 150 ms).
         *
         * @throws IllegalArgumentException if negative
         * @throws IllegalStateException if already set
         */
        public Builder debounce(Duration quiet) {
            Objects.requireNonNull(quiet, "quiet");
            if (debounce != null) {
                throw new IllegalStateException(
                        "debounce is set twice (" + debounce + ", then " + quiet + "); set it once");
            }
            if (quiet.isNegative()) {
                throw new IllegalArgumentException("debounce must not be negative, but was " + quiet);
            }
            debounce = quiet;
            return this;
        }

        /**
         * Sets how long a change may wait for quiet before it is delivered anyway (default the longer
         * of {@link #MIN_MAX_WAIT} and ten times the debounce).
         *
         * @throws IllegalStateException if already set
         */
        public Builder maxWait(Duration cap) {
            Objects.requireNonNull(cap, "cap");
            if (maxWait != null) {
                throw new IllegalStateException(
                        "max wait is set twice (" + maxWait + ", then " + cap + "); set it once");
            }
            maxWait = cap;
            return this;
        }

        /**
         * Registers the watch and starts the watcher's threads; changes made after this returns are
         * reported.
         *
         * @throws IllegalStateException if nothing was added to watch
         * @throws IllegalArgumentException if a path is both a folder and a file, or the max wait
         *     is shorter than the debounce
         * @throws UncheckedIOException if the operating system refuses the watch
         */
        public FileWatcher start(Listener listener) {
            Objects.requireNonNull(listener, "listener");
            if (folders.isEmpty() && files.isEmpty()) {
                throw new IllegalStateException("nothing to watch: add a folder or a file before start()");
            }
            Duration quiet = debounce == null ? ReloadSettings.DEFAULT_DEBOUNCE : debounce;
            Duration cap = maxWait != null ? maxWait : longer(MIN_MAX_WAIT, quiet.multipliedBy(10));
            FileWatcher watcher = new FileWatcher(new WatchScope(folders, files), quiet, cap, listener);
            watcher.open();
            return watcher;
        }

        private static Duration longer(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
