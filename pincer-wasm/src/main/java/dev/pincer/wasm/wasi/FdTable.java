package dev.pincer.wasm.wasi;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The descriptors of one guest: numbers to {@link Descriptor}s, with new numbers taken lowest
 * first as POSIX does, and at most {@link #MAX_OPENED} descriptors opened by the guest at a time
 * (standard streams and preopens do not count).
 *
 * <p>Not thread-safe; belongs to one {@link GuardedWasi}.
 */
final class FdTable {

    /** The most files and folders a guest may hold open at once. */
    static final int MAX_OPENED = 64;

    private final TreeMap<Integer, Descriptor> descriptors = new TreeMap<>();

    /** Returns the descriptor numbered {@code fd}, or fails with {@link Errno#BADF}. */
    Descriptor get(long fd) throws WasiError {
        Descriptor descriptor = fd > Integer.MAX_VALUE ? null : descriptors.get((int) fd);
        if (descriptor == null) {
            throw new WasiError(Errno.BADF);
        }
        return descriptor;
    }

    /** Fails with {@link Errno#MFILE} when the guest already holds {@link #MAX_OPENED} descriptors. */
    void ensureRoom() throws WasiError {
        long opened = descriptors.values().stream()
                .filter(d -> d instanceof OpenFile || (d instanceof Directory dir && !dir.isPreopen()))
                .count();
        if (opened >= MAX_OPENED) {
            throw new WasiError(Errno.MFILE);
        }
    }

    /** Adds {@code descriptor} under the lowest free number and returns that number. */
    int add(Descriptor descriptor) {
        int fd = 0;
        for (int taken : descriptors.keySet()) {
            if (taken != fd) {
                break;
            }
            fd++;
        }
        descriptors.put(fd, descriptor);
        return fd;
    }

    /** Puts {@code descriptor} under {@code fd}, replacing what was there. */
    void put(int fd, Descriptor descriptor) {
        descriptors.put(fd, descriptor);
    }

    /** Removes and returns the descriptor numbered {@code fd}, or fails with {@link Errno#BADF}. */
    Descriptor remove(long fd) throws WasiError {
        Descriptor descriptor = get(fd);
        descriptors.remove((int) fd);
        return descriptor;
    }

    /** Removes every descriptor and returns them, lowest number first. */
    List<Descriptor> clear() {
        List<Descriptor> all = new ArrayList<>(descriptors.values());
        descriptors.clear();
        return all;
    }
}
