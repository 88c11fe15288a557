package dev.pincer.mcp.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the last lines a child process wrote to standard error (and stray lines on standard
 * output), to quote when it fails. Lines are cut to {@value #MAX_LINE} characters.
 *
 * <p>Thread-safe.
 */
final class StderrTail {

    static final int MAX_LINE = 400;

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    StderrTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        String cut = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " …" : line;
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(cut);
    }

    /** Returns {@code "; its last stderr lines: a | b"}, or {@code "; it wrote nothing to stderr"}. */
    synchronized String describe() {
        if (lines.isEmpty()) {
            return "; it wrote nothing to stderr";
        }
        return "; its last stderr lines: " + String.join(" | ", lines);
    }
}
