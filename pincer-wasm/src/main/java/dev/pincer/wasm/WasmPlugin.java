package dev.pincer.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import dev.pincer.api.Plugin;
import dev.pincer.api.PluginContext;
import dev.pincer.api.PluginException;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.manifest.RuntimeSpec;
import dev.pincer.wasm.wasi.WasiExit;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A wasm plugin as the host sees it: on activation it registers each declared tool, backed by the
 * module's export, with a pool of instances that use the context's guarded services.
 *
 * <p>A tool call puts the input in the kernel, runs the export under the CPU watchdog and turns
 * the outcome into a result: return code 0 gives the output as text; another code gives an error
 * result with the message the guest set, held to the output limit like output. A trap, a fault in
 * what the guest passed to a host function, a refused host request, a limit or an exhausted stack
 * fails the call with a message naming the plugin and the export (quoting at most {@value
 * #QUOTED_ERROR} characters of the guest's error), and the instance is thrown away, so the next call
 * starts from a fresh one. An interrupt from the host's time limit is let through for the host to
 * report as a timeout.
 */
final class WasmPlugin implements Plugin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The most of a guest's error text quoted in the message of a trap or exit, which also lands in
     * the host's reports and logs.
     */
    private static final int QUOTED_ERROR = 1024;

    private final PluginManifest manifest;
    private final CompiledModule module;
    private final WasmLimits limits;
    private final CpuWatchdog watchdog;
    private final AuditSink audit;
    private final Clock clock;
    private volatile GuestPool pool;
    private volatile GuestEnv env;

    WasmPlugin(
            PluginManifest manifest,
            CompiledModule module,
            WasmLimits limits,
            CpuWatchdog watchdog,
            AuditSink audit,
            Clock clock) {
        this.manifest = manifest;
        this.module = module;
        this.limits = limits;
        this.watchdog = watchdog;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void activate(PluginContext context) {
        GuestEnv guestEnv = new GuestEnv(
                manifest.id(),
                config(context.config()),
                context.http(),
                context.files(),
                context.env(),
                context.logger(),
                limits,
                audit,
                clock);
        Integer concurrency = manifest.resources().concurrency();
        GuestPool guests = new GuestPool(module, guestEnv, concurrency == null ? 4 : concurrency);
        try {
            guests.release(guests.acquire());
        } catch (RuntimeException e) {
            throw new PluginException(
                    "wasm.instantiate", "plugin '" + manifest.id() + "' could not be started: " + describe(e), e);
        }
        this.env = guestEnv;
        this.pool = guests;
        RuntimeSpec.Wasm spec = (RuntimeSpec.Wasm) manifest.runtime();
        for (Provides.Tool tool : manifest.provides().tools()) {
            RuntimeSpec.Wasm.Export export = spec.exportFor(tool.name());
            context.registerTool(spec(tool), call -> call(export, call));
        }
    }

    @Override
    public void deactivate() {
        GuestPool guests = pool;
        if (guests != null) {
            guests.close();
        }
    }

    /** Returns the pool, for tests and benchmarks; {@code null} before activation. */
    GuestPool pool() {
        return pool;
    }

    /** Runs one call on a pooled instance. */
    ToolResult call(RuntimeSpec.Wasm.Export export, ToolCall call) throws InterruptedException {
        return run(export.export(), input(export, call.arguments()));
    }

    /** Runs {@code export} with raw {@code input} bytes. */
    ToolResult run(String export, byte[] input) throws InterruptedException {
        GuestPool guests = pool;
        if (guests == null) {
            throw new IllegalStateException("plugin '" + manifest.id() + "' is not active");
        }
        // The watch covers instantiating a fresh instance too: its start function is guest code.
        CpuWatchdog.Watch watch = watchdog.watch(limits.cpu());
        Guest guest = null;
        boolean clean = false;
        try {
            try {
                guest = guests.acquire();
                int code = guest.call(export, input);
                ToolResult result = result(export, code, guest.kernel());
                clean = true;
                return result;
            } catch (ChicoryInterruptedException e) {
                watch.end();
                if (watch.fired()) {
                    Thread.interrupted();
                    throw stop(
                            export,
                            new LimitExceeded(
                                    "cpu",
                                    "it used more than its CPU budget of "
                                            + limits.cpu().toMillis() + " ms"));
                }
                throw new InterruptedException("plugin '" + manifest.id() + "' was interrupted in '" + export + "'");
            } catch (WasiExit e) {
                if (e.code() == 0 && guest != null) {
                    ToolResult result = result(export, 0, guest.kernel());
                    return result;
                }
                throw new PluginException(
                        "wasm.exit",
                        "plugin '" + manifest.id() + "' exited with code " + e.code() + " in '" + export + "'"
                                + guestError(guest));
            } catch (LimitExceeded e) {
                throw stop(export, e);
            } catch (HostRefusal e) {
                throw new PluginException(
                        "wasm.refused",
                        "plugin '" + manifest.id() + "' was refused in '" + export + "': " + e.getMessage());
            } catch (GuestFault e) {
                throw new PluginException(
                        "wasm.fault",
                        "plugin '" + manifest.id() + "' broke the Extism ABI in '" + export + "': " + e.getMessage());
            } catch (StackOverflowError e) {
                throw stackExhausted(export);
            } catch (RuntimeException e) {
                // Chicory reports a JVM stack overflow in guest code as a ChicoryException caused by it.
                if (e.getCause() instanceof StackOverflowError) {
                    throw stackExhausted(export);
                }
                if (guest != null && guest.memoryFull()) {
                    throw stop(
                            export,
                            new LimitExceeded(
                                    "memory",
                                    "it trapped with its memory at its limit of " + guest.maxPages() + " pages ("
                                            + (guest.maxPages() * 64L) + " KiB): " + describe(e)));
                }
                throw new PluginException(
                        "wasm.trap",
                        "plugin '" + manifest.id() + "' trapped in '" + export + "': " + describe(e)
                                + guestError(guest));
            }
        } finally {
            watch.end();
            if (watch.fired()) {
                // The budget ran out as the call ended: leave no stray interrupt on this thread.
                Thread.interrupted();
            }
            if (clean) {
                guests.release(guest);
            }
        }
    }

    private PluginException stackExhausted(String export) {
        return new PluginException(
                "wasm.stack",
                "plugin '" + manifest.id() + "' exhausted the call stack in '" + export + "' (runaway recursion)");
    }

    private PluginException stop(String export, LimitExceeded e) {
        GuestEnv guestEnv = env;
        String message = "plugin '" + manifest.id() + "' was stopped in '" + export + "': " + e.getMessage();
        if (guestEnv != null) {
            guestEnv.limit(new LimitExceeded(e.limit(), message));
        }
        return new PluginException("wasm.limit", message);
    }

    private ToolResult result(String export, int code, Kernel kernel) {
        if (code != 0) {
            // An error message reaches the caller as output does, so it is held to the same limit.
            long length = kernel.errorLength();
            if (length > limits.outputBytes()) {
                throw new LimitExceeded(
                        "output",
                        "the plugin set an error message of " + length + " bytes, over its output limit of "
                                + limits.outputBytes() + " bytes");
            }
            String error = kernel.errorText();
            return ToolResult.error(
                    error == null || error.isBlank()
                            ? "plugin '" + manifest.id() + "' returned " + code + " from '" + export
                                    + "' without an error message"
                            : error);
        }
        try {
            return ToolResult.text(kernel.outputText());
        } catch (CharacterCodingException e) {
            return ToolResult.error("plugin '" + manifest.id() + "' returned " + kernel.outputLength() + " bytes from '"
                    + export + "' that are not UTF-8 text");
        }
    }

    /** Returns the guest's error, cut to {@value #QUOTED_ERROR} characters, to quote in a failure's message. */
    private static String guestError(Guest guest) {
        String error = guest == null ? null : guest.kernel().errorText();
        if (error == null || error.isBlank()) {
            return "";
        }
        if (error.length() > QUOTED_ERROR) {
            int end = Character.isHighSurrogate(error.charAt(QUOTED_ERROR - 1)) ? QUOTED_ERROR - 1 : QUOTED_ERROR;
            error = error.substring(0, end) + " …[cut: " + guest.kernel().errorLength() + " bytes in all]";
        }
        return " (the plugin said: " + error + ")";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static byte[] input(RuntimeSpec.Wasm.Export export, Map<String, Object> arguments) {
        if (export.argument() == null) {
            return JSON.writeValueAsBytes(arguments);
        }
        Object value = arguments.get(export.argument());
        if (value == null) {
            return new byte[0];
        }
        return value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
    }

    private static ToolSpec spec(Provides.Tool tool) {
        return new ToolSpec(
                tool.name(),
                tool.description() == null ? "" : tool.description(),
                tool.inputSchema() == null
                        ? ToolSpec.ANY_OBJECT_SCHEMA
                        : tool.inputSchema().toString(),
                tool.destructive());
    }

    /** Extism config is text: strings stay as they are, other values become JSON. */
    private static Map<String, String> config(Map<String, Object> settings) {
        Map<String, String> config = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (v != null) {
                config.put(k, v instanceof String s ? s : JSON.writeValueAsString(v));
            }
        });
        return config;
    }
}
