package dev.pincer.core.guards;

import dev.pincer.api.access.ProcessResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one checked command to completion or to its time limit: no shell, the environment given
 * and nothing else, input fed and output read on their own threads, each output stream capped.
 *
 * <p>On timeout the process and every descendant it has at that moment are killed ({@link
 * ProcessHandle#destroyForcibly()}). Java has no process groups, so a descendant started in the
 * instant between listing and killing could survive; the parent is killed first to keep that
 * window small. Stateless and thread-safe.
 */
final class ProcessRunner {

    /** How long to wait for output streams to close after the process ended. */
    private static final long DRAIN_MILLIS = 2_000;

    private ProcessRunner() {}

    /**
     * Runs {@code command}.
     *
     * @param command the program and its arguments, passed to the OS as they are
     * @param directory the working folder
     * @param environment the child's whole environment
     * @param input bytes for standard input
     * @param timeout the time limit
     * @param cap the most bytes kept of each output stream
     * @param name a name for the helper threads
     */
    static ProcessResult run(
            List<String> command,
            Path directory,
            Map<String, String> environment,
            byte[] input,
            Duration timeout,
            long cap,
            String name)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        CappedOutput stdout = CappedOutput.start(process.getInputStream(), cap, name + "-stdout");
        CappedOutput stderr = CappedOutput.start(process.getErrorStream(), cap, name + "-stderr");
        feed(process.getOutputStream(), input, name);
        try {
            boolean finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!finished) {
                killTree(process.toHandle());
                process.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            }
            stdout.await(DRAIN_MILLIS);
            stderr.await(DRAIN_MILLIS);
            IOException failure = stdout.failure() != null ? stdout.failure() : stderr.failure();
            if (failure != null && finished) {
                throw new IOException("reading the output of '" + command.get(0) + "' failed", failure);
            }
            return new ProcessResult(
                    finished ? process.exitValue() : -1,
                    stdout.bytes(),
                    stderr.bytes(),
                    !finished,
                    stdout.truncated() || stderr.truncated());
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while '" + command.get(0) + "' ran; it was killed");
        }
    }

    /** Kills {@code root} and every descendant it has now. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        // A descendant may have started a child in the meantime; one more sweep catches most.
        descendants.forEach(d -> d.descendants().forEach(ProcessHandle::destroyForcibly));
    }

    private static void feed(OutputStream stdin, byte[] input, String name) throws IOException {
        if (input.length == 0) {
            stdin.close();
            return;
        }
        Thread writer = new Thread(
                () -> {
                    try (stdin) {
                        stdin.write(input);
                    } catch (IOException childStoppedReading) {
                        // The child closed its input early (it exited or does not read it): the rest
                        // of the input has nowhere to go, and the result reports how the child ended.
                    }
                },
                name + "-stdin");
        writer.setDaemon(true);
        writer.start();
    }
}
