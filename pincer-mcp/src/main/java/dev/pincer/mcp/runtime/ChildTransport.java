package dev.pincer.mcp.runtime;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The MCP stdio transport for a child process Pincer starts itself, so that it owns the process:
 * its environment and folder (from a {@link Launch}), its standard error (kept in a {@link
 * StderrTail}), its exit, and stopping it together with its descendants.
 *
 * <p>Messages are newline-delimited JSON-RPC on the child's standard input and output; a line on
 * standard output that is not JSON-RPC is logged and kept with the stderr lines. Thread-safe.
 */
final class ChildTransport implements McpClientTransport {

    private final String pluginId;
    private final ProcessBuilder builder;
    private final McpJsonMapper json;
    private final StderrTail tail;
    private final System.Logger logger;
    private volatile Process process;
    private volatile Thread errors;
    private volatile boolean closing;

    ChildTransport(String pluginId, ProcessBuilder builder, McpJsonMapper json, StderrTail tail, System.Logger logger) {
        this.pluginId = pluginId;
        this.builder = builder;
        this.json = json;
        this.tail = tail;
        this.logger = logger;
    }

    /**
     * Starts the child process and begins reading its standard error.
     *
     * @throws IOException if the process cannot be started
     */
    Process start() throws IOException {
        Process started = builder.start();
        this.process = started;
        this.errors = daemon("pincer-mcp-stderr-" + pluginId, () -> readErrors(started));
        return started;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            Process started = process;
            if (started == null) {
                throw new IllegalStateException("the MCP server of plugin '" + pluginId + "' was not started");
            }
            daemon("pincer-mcp-stdout-" + pluginId, () -> readMessages(started, handler));
        });
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.fromRunnable(() -> write(message));
    }

    private void write(JSONRPCMessage message) {
        Process started = process;
        if (started == null || closing) {
            throw new IllegalStateException("the MCP server of plugin '" + pluginId + "' is not running");
        }
        OutputStream in = started.getOutputStream();
        synchronized (in) {
            try {
                // Jackson writes no raw line breaks without pretty printing; one line is one message.
                byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                in.write(line);
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "the MCP server of plugin '" + pluginId + "' no longer reads its input: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }

    /**
     * Stops the child: closes its standard input, gives it {@code grace} to exit, then terminates it
     * and its descendants, and kills whatever is left one grace later.
     *
     * @return whether everything had ended by then
     */
    boolean stop(Duration grace) {
        closing = true;
        Process started = process;
        if (started == null) {
            return true;
        }
        List<ProcessHandle> family = new ArrayList<>(started.descendants().toList());
        try {
            started.getOutputStream().close();
        } catch (IOException e) {
            // The child already closed its end; it is stopped below all the same.
        }
        boolean ended = waitFor(started, grace);
        started.descendants().filter(h -> !family.contains(h)).forEach(family::add);
        family.forEach(ProcessHandle::destroy);
        if (!ended) {
            started.destroy();
            ended = waitFor(started, grace);
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (!ended) {
            started.destroyForcibly();
            ended = waitFor(started, grace);
        }
        return ended && family.stream().noneMatch(ProcessHandle::isAlive);
    }

    /** Waits up to {@code limit} for the stderr reader to reach the end, so the tail is complete. */
    void drainErrors(Duration limit) {
        Thread reader = errors;
        if (reader != null) {
            try {
                reader.join(limit.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean waitFor(Process p, Duration limit) {
        try {
            return p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private void readMessages(Process started, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | RuntimeException e) {
                    tail.add("(stdout) " + line);
                    logger.log(System.Logger.Level.WARNING, "MCP server wrote a line that is not JSON-RPC: " + line);
                    continue;
                }
                handler.apply(Mono.just(message))
                        .subscribe(
                                m -> {},
                                e -> logger.log(
                                        System.Logger.Level.WARNING,
                                        "MCP message could not be handled: " + e.getMessage()));
            }
        } catch (IOException e) {
            if (!closing) {
                logger.log(System.Logger.Level.DEBUG, "MCP server output ended: " + e.getMessage());
            }
        }
    }

    private void readErrors(Process started) {
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                tail.add(line);
                logger.log(System.Logger.Level.INFO, "(stderr) " + line);
            }
        } catch (IOException e) {
            // The pipe closes when the child ends; the tail keeps what was read.
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
