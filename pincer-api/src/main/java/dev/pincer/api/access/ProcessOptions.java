package dev.pincer.api.access;

import java.time.Duration;
import java.util.Map;

/**
 * How to run a process.
 *
 * <p>Immutable.
 *
 * @param workingDirectory the folder to run in, or {@code null} for the plugin's data folder
 * @param environment variables to set in the child; each name must be granted
 * @param input bytes written to the child's standard input, empty for none
 * @param timeout how long it may run before it is killed, or {@code null} for the host's default
 * @since 0.1.0
 */
public record ProcessOptions(String workingDirectory, Map<String, String> environment, byte[] input, Duration timeout) {

    public ProcessOptions {
        environment = Map.copyOf(environment);
        input = input == null ? new byte[0] : input.clone();
    }

    /** Returns the defaults: the data folder, no variables, no input, the host's time limit. */
    public static ProcessOptions defaults() {
        return new ProcessOptions(null, Map.of(), null, null);
    }

    @Override
    public byte[] input() {
        return input.clone();
    }
}
