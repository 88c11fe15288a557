package dev.pincer.wasm.wasi;

import dev.pincer.api.access.EnvAccess;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Arguments, environment, clocks and randomness for the guest. The arguments are just the program
 * name {@code plugin}; the environment holds only granted variables that are set, each read through
 * {@link EnvAccess} (which audits it) once per call and kept until {@link #reset()}.
 *
 * <p>Not thread-safe; belongs to one {@link GuardedWasi}.
 */
final class WasiSystem {

    private static final byte[] PROGRAM = "plugin\0".getBytes(StandardCharsets.UTF_8);
    private static final int RANDOM_CHUNK = 64 * 1024;

    private final EnvAccess env;
    private final Clock clock;
    private final long monotonicOrigin = System.nanoTime();
    private SecureRandom random;
    private List<byte[]> environ;

    WasiSystem(EnvAccess env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    int argsSizesGet(GuestMemory memory, long countAt, long sizeAt) throws WasiError {
        memory.check(countAt, 4);
        memory.putU32(sizeAt, PROGRAM.length);
        memory.putU32(countAt, 1);
        return Errno.SUCCESS;
    }

    int argsGet(GuestMemory memory, long argvAt, long bufferAt) throws WasiError {
        memory.check(argvAt, 4);
        memory.put(bufferAt, PROGRAM, 0, PROGRAM.length);
        memory.putU32(argvAt, bufferAt);
        return Errno.SUCCESS;
    }

    int environSizesGet(GuestMemory memory, long countAt, long sizeAt) throws WasiError {
        memory.check(countAt, 4);
        memory.check(sizeAt, 4);
        List<byte[]> entries = environ();
        memory.putU32(countAt, entries.size());
        memory.putU32(sizeAt, entries.stream().mapToLong(e -> e.length).sum());
        return Errno.SUCCESS;
    }

    int environGet(GuestMemory memory, long environAt, long bufferAt) throws WasiError {
        List<byte[]> entries = environ();
        memory.check(environAt, 4L * entries.size());
        memory.check(bufferAt, entries.stream().mapToLong(e -> e.length).sum());
        long at = bufferAt;
        for (int i = 0; i < entries.size(); i++) {
            byte[] entry = entries.get(i);
            memory.putU32(environAt + 4L * i, at);
            memory.put(at, entry, 0, entry.length);
            at += entry.length;
        }
        return Errno.SUCCESS;
    }

    int clockResGet(GuestMemory memory, long id, long resolutionAt) throws WasiError {
        long resolution;
        if (id == Abi.CLOCK_REALTIME) {
            resolution = 1_000;
        } else if (id == Abi.CLOCK_MONOTONIC) {
            resolution = 1;
        } else {
            return unsupportedClock(id);
        }
        memory.putU64(resolutionAt, resolution);
        return Errno.SUCCESS;
    }

    int clockTimeGet(GuestMemory memory, long id, long timeAt) throws WasiError {
        long time;
        if (id == Abi.CLOCK_REALTIME) {
            Instant now = clock.instant();
            time = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        } else if (id == Abi.CLOCK_MONOTONIC) {
            // From this instance's creation, so the value never starts negative as nanoTime may.
            time = System.nanoTime() - monotonicOrigin;
        } else {
            return unsupportedClock(id);
        }
        memory.putU64(timeAt, time);
        return Errno.SUCCESS;
    }

    int randomGet(GuestMemory memory, long bufferAt, long length) throws WasiError {
        memory.check(bufferAt, length);
        if (random == null) {
            random = new SecureRandom();
        }
        byte[] chunk = new byte[(int) Math.min(length, RANDOM_CHUNK)];
        for (long done = 0; done < length; done += chunk.length) {
            int n = (int) Math.min(chunk.length, length - done);
            random.nextBytes(chunk);
            memory.put(bufferAt + done, chunk, 0, n);
        }
        return Errno.SUCCESS;
    }

    /** Forgets the environment read during the call, so the next call reads (and audits) it again. */
    void reset() {
        environ = null;
    }

    private List<byte[]> environ() {
        if (environ == null) {
            List<byte[]> entries = new ArrayList<>();
            for (String name : env.granted().stream().sorted().toList()) {
                Optional<String> value = env.get(name);
                value.ifPresent(v -> entries.add((name + "=" + v + "\0").getBytes(StandardCharsets.UTF_8)));
            }
            environ = List.copyOf(entries);
        }
        return environ;
    }

    private static int unsupportedClock(long id) {
        return id == Abi.CLOCK_PROCESS_CPUTIME || id == Abi.CLOCK_THREAD_CPUTIME ? Errno.NOTSUP : Errno.INVAL;
    }
}
