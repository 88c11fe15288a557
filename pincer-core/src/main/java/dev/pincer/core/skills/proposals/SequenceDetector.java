package dev.pincer.core.skills.proposals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds sequences of tool calls that a caller repeats: after each call, the last {@code length}
 * calls form a candidate, which is sighted once it occurs {@code repeats} times without overlap
 * among the calls remembered for that caller.
 *
 * <p>A pause longer than the gap between two calls breaks a sequence: no occurrence spans it, but
 * occurrences before and after it both count, so a task done once a day is still found. Calls
 * that form an occurrence of a sequence already sighted or claimed take part in no other sequence,
 * so a workflow repeated many times is proposed once, not again as its rotations ({@code b, c, a}
 * after {@code a, b, c}) or as other windows of a longer cycle. Memory is
 * bounded: each caller keeps its last {@code length × repeats × 4} calls (at most 1,024, unless
 * {@code length × repeats} alone is more), and only the 256 most recently active callers are kept. A sequence is sighted at most once per detector; the caller
 * of {@link #claim} adds sequences known from elsewhere (the store).
 *
 * <p>Thread-safe: every method holds the detector's lock.
 */
final class SequenceDetector {

    /** How many windows of {@code length × repeats} calls each caller keeps. */
    static final int WINDOW_FACTOR = 4;

    /** The most calls one caller's memory holds, unless {@code length × repeats} alone is more. */
    static final int MAX_WINDOW = 1024;

    /** How many callers are remembered; the least recently active is forgotten first. */
    static final int MAX_ACTORS = 256;

    private final int length;
    private final int repeats;
    private final Duration gap;
    private final int window;
    private final Map<String, Deque<Call>> actors;
    private final Set<List<String>> claimed = new HashSet<>();

    /**
     * Creates a detector for sequences of {@code length} calls repeated {@code repeats} times,
     * broken by pauses longer than {@code gap}, remembering at most {@code maxActors} callers.
     */
    SequenceDetector(int length, int repeats, Duration gap, int maxActors) {
        if (length < 2 || repeats < 2 || maxActors < 1) {
            throw new IllegalArgumentException("length and repeats must be at least 2 and maxActors at least 1, got "
                    + length + ", " + repeats + " and " + maxActors);
        }
        this.length = length;
        this.repeats = repeats;
        this.gap = Objects.requireNonNull(gap, "gap");
        int least = Math.multiplyExact(length, repeats);
        this.window = Math.max(least, Math.min(Math.multiplyExact(least, WINDOW_FACTOR), MAX_WINDOW));
        this.actors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Call>> eldest) {
                return size() > maxActors;
            }
        };
    }

    /** Returns how many calls one caller's memory holds. */
    int window() {
        return window;
    }

    /**
     * Takes {@code actor}'s call of {@code tool} at {@code at}, and returns the sequence it
     * completes if that sequence has now been seen often enough and was not sighted or claimed
     * before. The first call of a caller this detector does not remember starts from {@code
     * history}: that caller's earlier calls, oldest first.
     */
    synchronized Optional<Sighting> observe(String actor, String tool, Instant at, Supplier<List<Call>> history) {
        Deque<Call> calls = actors.get(actor);
        if (calls == null) {
            calls = new ArrayDeque<>();
            for (Call earlier : history.get()) {
                remember(calls, earlier);
            }
            actors.put(actor, calls);
        }
        remember(calls, new Call(tool, at));
        List<Call> recent = new ArrayList<>(calls);
        int start = recent.size() - length;
        if (start < 0 || !unbroken(recent, start)) {
            return Optional.empty();
        }
        boolean[] used = claimedOccurrences(recent);
        for (int j = start; j < recent.size(); j++) {
            if (used[j]) {
                return Optional.empty();
            }
        }
        List<String> candidate = tools(recent, start);
        if (claimed.contains(candidate)) {
            return Optional.empty();
        }
        int seen = occurrences(recent, candidate, used);
        if (seen < repeats) {
            return Optional.empty();
        }
        claimed.add(candidate);
        return Optional.of(new Sighting(actor, candidate, seen));
    }

    /** Marks {@code sequence} as proposed already, so it is never sighted. */
    synchronized void claim(List<String> sequence) {
        claimed.add(List.copyOf(sequence));
    }

    /** Returns how many calls of {@code actor} are remembered; for tests of the memory bound. */
    synchronized int remembered(String actor) {
        Deque<Call> calls = actors.get(actor);
        return calls == null ? 0 : calls.size();
    }

    /** Returns how many callers are remembered. */
    synchronized int actors() {
        return actors.size();
    }

    private void remember(Deque<Call> calls, Call call) {
        calls.addLast(call);
        while (calls.size() > window) {
            calls.removeFirst();
        }
    }

    /** Marks the calls that form occurrences of claimed sequences, found left to right without overlap. */
    private boolean[] claimedOccurrences(List<Call> calls) {
        boolean[] used = new boolean[calls.size()];
        int i = 0;
        while (i + length <= calls.size()) {
            if (claimed.contains(tools(calls, i)) && unbroken(calls, i)) {
                Arrays.fill(used, i, i + length, true);
                i += length;
            } else {
                i++;
            }
        }
        return used;
    }

    /**
     * Counts the occurrences of {@code candidate} among the calls not {@code used}, left to right,
     * without overlap.
     */
    private int occurrences(List<Call> calls, List<String> candidate, boolean[] used) {
        int count = 0;
        int i = 0;
        while (i + length <= calls.size()) {
            if (matches(calls, i, candidate, used) && unbroken(calls, i)) {
                count++;
                i += length;
            } else {
                i++;
            }
        }
        return count;
    }

    private List<String> tools(List<Call> calls, int start) {
        return calls.subList(start, start + length).stream().map(Call::tool).toList();
    }

    private boolean matches(List<Call> calls, int start, List<String> candidate, boolean[] used) {
        for (int j = 0; j < length; j++) {
            if (used[start + j] || !calls.get(start + j).tool().equals(candidate.get(j))) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether the {@code length} calls from {@code start} have no pause longer than the gap. */
    private boolean unbroken(List<Call> calls, int start) {
        for (int j = start + 1; j < start + length; j++) {
            if (Duration.between(calls.get(j - 1).at(), calls.get(j).at()).compareTo(gap) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * One successful tool call.
     *
     * @param tool the tool's name
     * @param at when it was made
     */
    record Call(String tool, Instant at) {

        Call {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(at, "at");
        }
    }
}
