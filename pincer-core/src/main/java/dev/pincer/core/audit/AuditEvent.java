package dev.pincer.core.audit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing that happened and is kept in the audit log: a tool call, a use of a guarded host
 * service (allowed or denied), or a change of approval.
 *
 * <p>Immutable. Never holds a secret: tool arguments appear only as a digest, and guarded services
 * record names (a URL without its query's values, a path, a variable name), never values.
 *
 * @param at when it happened
 * @param actor who asked: {@code cli}, {@code mcp}, {@code agent:<session>}, {@code plugin:<id>}
 * @param pluginId the plugin concerned, or {@code null}
 * @param kind what kind of thing happened
 * @param action what was done: a tool name, an HTTP method, {@code read}, {@code get}, {@code run},
 *     {@code approve}
 * @param target what it was done to: a URL, a path, a variable name, a program, or {@code null}
 * @param decision whether it was let through
 * @param reason why it was denied or held, or {@code null}
 * @param digest SHA-256 of the tool call's arguments (hex), or {@code null}
 * @param duration how long it took, or {@code null}
 * @param outcome how it ended (e.g. {@code completed}, {@code failed}, {@code 200}, {@code exit 0}),
 *     or {@code null}
 * @param cost the call's declared cost, or {@code null}
 * @since 0.1.0
 */
public record AuditEvent(
        Instant at,
        String actor,
        String pluginId,
        Kind kind,
        String action,
        String target,
        Decision decision,
        String reason,
        String digest,
        Duration duration,
        String outcome,
        BigDecimal cost) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * Returns an event for a guarded host-service use by {@code pluginId}, without duration,
     * outcome or cost.
     */
    public static AuditEvent access(
            Instant at, String pluginId, Kind kind, String action, String target, Decision decision, String reason) {
        return new AuditEvent(
                at, "plugin:" + pluginId, pluginId, kind, action, target, decision, reason, null, null, null, null);
    }

    /** Kinds of event. */
    public enum Kind {
        /** A tool call through the invocation path. */
        TOOL,
        /** An HTTP request through the guarded client. */
        HTTP,
        /** A file access through the guarded file service. */
        FILE,
        /** An environment variable read. */
        ENV,
        /** A process started through the guarded process service. */
        PROCESS,
        /** A person approved or revoked a plugin's permissions. */
        APPROVAL,
        /** A sandbox limit stopped a plugin (memory, output, log rate, CPU time, module size). */
        LIMIT,
        /** A resource read by URI, served by a plugin. */
        RESOURCE,
        /** A prompt rendered by a plugin. */
        PROMPT,
        /** A plugin activated, and why (at start, on first use of a tool, for a channel...). */
        ACTIVATION,
        /** A person installed, updated or uninstalled a plugin. */
        INSTALL;

        /** Returns the word used in output, e.g. {@code "tool"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the thing was let through. */
    public enum Decision {
        ALLOWED,
        DENIED,
        /** Held by policy until a person approves the call. */
        REQUIRES_APPROVAL;

        /** Returns the word used in output, e.g. {@code "requires-approval"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
