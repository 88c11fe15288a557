package dev.pincer.core.guards;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one output stream of a child process on its own thread, keeping at most {@code cap} bytes
 * and draining the rest, so the child never blocks on a full pipe.
 *
 * <p>Written by its reading thread, read by the waiting thread after {@link #await(long)}; the
 * fields are guarded by {@code this}.
 */
final class CappedOutput implements Runnable {

    private final InputStream in;
    private final long cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean truncated;
    private boolean done;
    private IOException failure;

    CappedOutput(InputStream in, long cap) {
        this.in = in;
        this.cap = cap;
    }

    /** Starts reading on a new daemon thread named {@code name}. */
    static CappedOutput start(InputStream in, long cap, String name) {
        CappedOutput output = new CappedOutput(in, cap);
        Thread thread = new Thread(output, name);
        thread.setDaemon(true);
        thread.start();
        return output;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                keep(buffer, n);
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        } finally {
            synchronized (this) {
                done = true;
                notifyAll();
            }
        }
    }

    private synchronized void keep(byte[] buffer, int n) {
        long room = cap - kept.size();
        int take = (int) Math.min(room, n);
        if (take > 0) {
            kept.write(buffer, 0, take);
        }
        if (take < n) {
            truncated = true;
        }
    }

    /**
     * Waits up to {@code millis} for the stream to end; returns whether it did. A stream still open
     * after that (a grandchild holding the pipe) counts as truncated.
     */
    synchronized boolean await(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!done) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                truncated = true;
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Returns the error that ended reading early, or {@code null}. */
    synchronized IOException failure() {
        return failure;
    }

    synchronized byte[] bytes() {
        return kept.toByteArray();
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
