package dev.pincer.wasm;

import dev.pincer.api.access.EnvAccess;
import dev.pincer.api.access.FileAccess;
import dev.pincer.api.access.HttpAccess;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditSink;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every instance of one plugin shares: its config, its vars, its guarded services, its log
 * and its limits. Vars belong to the plugin, not to an instance, so a value set in one call is seen
 * by the next whichever pooled instance serves it. Thread-safe.
 */
final class GuestEnv {

    final String pluginId;
    /** The plugin's config, as the UTF-8 bytes {@code config_get} hands out; never modified. */
    final Map<String, byte[]> config;

    final HttpAccess http;
    final FileAccess files;
    final EnvAccess env;
    final WasmLimits limits;
    private final Logger logger;
    private final LogLimiter logs;
    private final AuditSink audit;
    private final Clock clock;
    private final Map<String, byte[]> vars = new ConcurrentHashMap<>();
    private long varBytes;

    GuestEnv(
            String pluginId,
            Map<String, String> config,
            HttpAccess http,
            FileAccess files,
            EnvAccess env,
            Logger logger,
            WasmLimits limits,
            AuditSink audit,
            Clock clock) {
        this.pluginId = pluginId;
        Map<String, byte[]> bytes = new java.util.HashMap<>();
        config.forEach((k, v) -> bytes.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        this.config = Map.copyOf(bytes);
        this.http = http;
        this.files = files;
        this.env = env;
        this.logger = logger;
        this.limits = limits;
        this.logs = new LogLimiter(limits.logsPerSecond(), System::nanoTime);
        this.audit = audit;
        this.clock = clock;
    }

    byte[] var(String key) {
        return vars.get(key);
    }

    synchronized void setVar(String key, byte[] value) {
        byte[] old = vars.get(key);
        long size = varBytes
                - (old == null ? 0 : key.length() + old.length)
                + (value == null ? 0 : key.length() + value.length);
        if (size > limits.varBytes()) {
            throw new LimitExceeded(
                    "vars",
                    "setting var '" + key + "' would make the plugin's vars " + size + " bytes, over its limit of "
                            + limits.varBytes() + " bytes");
        }
        if (value == null) {
            vars.remove(key);
        } else {
            vars.put(key, value);
        }
        varBytes = size;
    }

    /** Writes one log line at {@code level}, unless the plugin is over its log rate. */
    void log(Level level, String message) {
        if (!logger.isLoggable(level)) {
            return;
        }
        long dropped = logs.admit();
        if (dropped < 0) {
            if (logs.droppedTotal() == 1 || logs.droppedTotal() % 10_000 == 0) {
                record(
                        "logs",
                        "log lines over " + logs.perSecond() + " a second are dropped (" + logs.droppedTotal()
                                + " so far)");
            }
            return;
        }
        if (dropped > 0) {
            logger.log(
                    Level.WARNING,
                    "[" + pluginId + "] " + dropped + " log lines dropped: over " + logs.perSecond()
                            + " lines a second");
        }
        String line = message.length() > 8192 ? message.substring(0, 8192) + " …[cut]" : message;
        logger.log(level, "[" + pluginId + "] " + line);
    }

    /** Writes the audit record of a limit the plugin hit, and returns {@code e} for throwing. */
    LimitExceeded limit(LimitExceeded e) {
        record(e.limit(), e.getMessage());
        return e;
    }

    private void record(String limit, String reason) {
        audit.record(new AuditEvent(
                clock.instant(),
                "plugin:" + pluginId,
                pluginId,
                AuditEvent.Kind.LIMIT,
                limit,
                null,
                AuditEvent.Decision.DENIED,
                reason,
                null,
                null,
                "stopped",
                null));
    }
}
