package dev.pincer.api.access;

import java.io.IOException;
import java.util.List;

/**
 * Runs programs, for plugins granted {@code shell}.
 *
 * <p>The command is a program and its arguments, passed to the operating system as they are:
 * nothing is interpreted by a shell. The child gets a cleared environment plus the variables in
 * {@link ProcessOptions#environment()} whose names the plugin was granted. Thread-safe.
 *
 * @since 0.1.0
 */
public interface ProcessAccess {

    /**
     * Runs {@code command} to completion or until its time limit.
     *
     * @param command the program followed by its arguments, not empty
     * @param options working folder, environment, input and limits
     * @return how it ended and what it wrote
     * @throws AccessDeniedException if the plugin was not granted {@code shell}, or a variable
     *     outside the grant was asked for
     * @throws IOException if the program cannot be started
     */
    ProcessResult run(List<String> command, ProcessOptions options) throws IOException;
}
