package dev.pincer.api.access;

import java.nio.charset.StandardCharsets;

/**
 * How a process ended and what it wrote.
 *
 * <p>Immutable.
 *
 * @param exitCode the exit code, or {@code -1} when it was killed
 * @param stdout what it wrote to standard output, up to the host's limit
 * @param stderr what it wrote to standard error, up to the host's limit
 * @param timedOut whether it was killed for running past its time limit
 * @param truncated whether output beyond the host's limit was dropped
 * @since 0.1.0
 */
public record ProcessResult(int exitCode, byte[] stdout, byte[] stderr, boolean timedOut, boolean truncated) {

    public ProcessResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** Returns standard output decoded as UTF-8. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
