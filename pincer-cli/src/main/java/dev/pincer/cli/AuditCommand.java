package dev.pincer.cli;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditQuery;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pincer audit}: what plugins did, from the audit log: tool calls, guarded uses of the
 * network, files, environment and processes (allowed or denied), and approvals.
 *
 * @since 0.1.0
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Show the audit log: tool calls, guarded host-service uses (allowed or denied) and approvals,"
                    + " oldest first."
        })
final class AuditCommand implements Callable<Integer> {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    @ParentCommand
    PincerCommand top;

    @Spec
    CommandSpec spec;

    @Option(names = "--plugin", paramLabel = "ID", description = "Only records about this plugin.")
    String plugin;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description = "Only records since WHEN: an age such as 30m, 12h or 7d, a date (2026-11-01, UTC),"
                    + " or an instant (2026-11-01T09:00:00Z).")
    String since;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "Only records of this kind: tool, http, file, env, process, approval, limit, resource,"
                    + " prompt, activation, install.")
    String kind;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "Show at most the newest N records. Default: 100.")
    int limit;

    @Option(
            names = "--json",
            description = "Print a JSON array of objects (at, actor, plugin, kind, action, target, decision,"
                    + " reason, digest, durationMs, outcome, cost).")
    boolean json;

    @Override
    public Integer call() {
        Instant from = since == null ? null : parseSince(since, Clock.systemUTC());
        AuditEvent.Kind only = kind == null ? null : parseKind(kind);
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        PrintWriter out = top.out();
        List<AuditEvent> events = Files.exists(top.storeFile())
                ? top.auditLog().query(new AuditQuery(plugin, from, only, limit))
                : List.of();
        if (json) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            events.forEach(e -> array.add(view(e)));
            out.println(Views.write(array));
            return 0;
        }
        if (events.isEmpty()) {
            out.println("No audit records" + (plugin == null && from == null && only == null ? "" : " match") + ".");
            return 0;
        }
        Table table = new Table(
                List.of("TIME", "ACTOR", "PLUGIN", "KIND", "ACTION", "TARGET", "DECISION", "OUTCOME", "REASON"),
                24,
                16,
                24,
                8,
                24,
                48,
                17,
                14,
                80);
        for (AuditEvent e : events) {
            table.add(
                    e.at().toString(),
                    e.actor(),
                    orDash(e.pluginId()),
                    e.kind().label(),
                    e.action(),
                    orDash(e.target()),
                    e.decision().label(),
                    orDash(e.outcome()),
                    orDash(e.reason()));
        }
        table.print(out);
        return 0;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static ObjectNode view(AuditEvent e) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("at", e.at().toString());
        node.put("actor", e.actor());
        node.put("plugin", e.pluginId());
        node.put("kind", e.kind().label());
        node.put("action", e.action());
        node.put("target", e.target());
        node.put("decision", e.decision().label());
        node.put("reason", e.reason());
        node.put("digest", e.digest());
        if (e.duration() != null) {
            node.put("durationMs", e.duration().toNanos() / 1e6);
        } else {
            node.putNull("durationMs");
        }
        node.put("outcome", e.outcome());
        node.put("cost", e.cost());
        return node;
    }

    private AuditEvent.Kind parseKind(String text) {
        for (AuditEvent.Kind k : AuditEvent.Kind.values()) {
            if (k.label().equals(text.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "--kind must be one of "
                        + java.util.Arrays.stream(AuditEvent.Kind.values())
                                .map(AuditEvent.Kind::label)
                                .collect(java.util.stream.Collectors.joining(", "))
                        + "; got '" + text + "'");
    }

    private Instant parseSince(String text, Clock clock) {
        Matcher ago = AGO.matcher(text);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration age =
                    switch (ago.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
            return clock.instant().minus(age);
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--since takes an age (30m, 12h, 7d), a date (2026-11-01) or an instant"
                                + " (2026-11-01T09:00:00Z); got '" + text + "'");
            }
        }
    }
}
