package dev.pincer.core.host;

import dev.pincer.api.prompt.PromptMessage;
import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.resource.ResourceSpec;
import dev.pincer.api.tool.Content;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.CapabilityRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the resources and renders the prompts plugins registered: the one path every surface (MCP
 * now, channels later) uses. Each read or rendering runs through the {@link Guard} with the owning
 * plugin's time limit and is written to the audit log.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class HostContent {

    private static final int MAX_COMPLETIONS = 100;

    private final CapabilityRegistry registry;
    private final Guard guard;
    private final AuditSink audit;
    private final Clock clock;

    HostContent(CapabilityRegistry registry, Guard guard, AuditSink audit, Clock clock) {
        this.registry = registry;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    /** Returns the registered resources and resource templates, by URI. */
    public List<ResourceSpec> resources() {
        return registry.snapshot().all(CapabilityKind.RESOURCE).stream()
                .map(c -> c.valueAs(ResourceEntry.class).spec())
                .sorted(Comparator.comparing(ResourceSpec::uri))
                .toList();
    }

    /** Returns the registered prompts, by name. */
    public List<PromptSpec> prompts() {
        return registry.snapshot().all(CapabilityKind.PROMPT).stream()
                .map(c -> c.valueAs(PromptEntry.class).spec())
                .sorted(Comparator.comparing(PromptSpec::name))
                .toList();
    }

    /**
     * Reads {@code uri}: the resource registered under it, or else the first template (by URI)
     * that matches it.
     *
     * @param actor who reads, for the audit log, e.g. {@code mcp}
     * @throws PincerException {@code resource.unknown} when nothing serves the URI, {@code
     *     resource.failed} when the plugin failed, timed out or returned nothing
     */
    public List<Content.Resource> read(String uri, String actor) {
        Optional<Capability> exact = registry.snapshot().find(CapabilityKind.RESOURCE, uri);
        ResourceEntry entry = exact.map(c -> c.valueAs(ResourceEntry.class)).orElse(null);
        Map<String, String> variables = Map.of();
        if (entry == null) {
            for (Capability c : registry.snapshot().all(CapabilityKind.RESOURCE)) {
                ResourceEntry candidate = c.valueAs(ResourceEntry.class);
                Map<String, String> matched = match(candidate.spec(), uri);
                if (matched != null
                        && (entry == null
                                || candidate.spec().uri().compareTo(entry.spec().uri()) < 0)) {
                    entry = candidate;
                    variables = matched;
                }
            }
        }
        if (entry == null) {
            List<String> uris = resources().stream().map(ResourceSpec::uri).toList();
            throw new PincerException(
                    "resource.unknown",
                    null,
                    null,
                    "no resource has the URI '" + uri + "'",
                    Suggestions.closest(uri, uris)
                            .map(s -> "did you mean '" + s + "'?")
                            .orElse("list the resources to see which URIs are served"));
        }
        ResourceEntry found = entry;
        Map<String, String> filled = variables;
        return run(
                found.owner(),
                AuditEvent.Kind.RESOURCE,
                uri,
                actor,
                found.loader(),
                found.timeout(),
                () -> found.handler().read(uri, filled));
    }

    /**
     * Renders the prompt {@code name} with {@code arguments}.
     *
     * @param actor who asks, for the audit log
     * @throws PincerException {@code prompt.unknown}, {@code prompt.arguments} when a required
     *     argument is missing, {@code prompt.failed} when the plugin failed
     */
    public List<PromptMessage> prompt(String name, Map<String, String> arguments, String actor) {
        PromptEntry entry = promptEntry(name);
        List<String> missing = entry.spec().arguments().stream()
                .filter(a -> a.required() && !arguments.containsKey(a.name()))
                .map(PromptSpec.Argument::name)
                .toList();
        if (!missing.isEmpty()) {
            throw new PincerException(
                    "prompt.arguments",
                    entry.owner(),
                    null,
                    "prompt '" + name + "' needs the argument" + (missing.size() == 1 ? " " : "s ")
                            + String.join(", ", missing),
                    "give every required argument");
        }
        Map<String, String> copy = Map.copyOf(arguments);
        return run(
                entry.owner(),
                AuditEvent.Kind.PROMPT,
                name,
                actor,
                entry.loader(),
                entry.timeout(),
                () -> entry.handler().render(copy));
    }

    /**
     * Returns the prompt's suggestions for one argument, at most 100; none when the prompt does
     * not suggest or fails (a failure is reported by the guard).
     *
     * @throws PincerException {@code prompt.unknown} when no prompt has the name
     */
    public List<String> complete(String promptName, String argument, String prefix) {
        PromptEntry entry = promptEntry(promptName);
        Outcome<List<String>> outcome =
                guard.call(entry.owner(), Phase.READ, entry.loader(), entry.timeout(), () -> entry.handler()
                        .complete(argument, prefix));
        if (outcome instanceof Outcome.Ok<List<String>> ok && ok.value() != null) {
            List<String> values = ok.value();
            return List.copyOf(values.subList(0, Math.min(values.size(), MAX_COMPLETIONS)));
        }
        return List.of();
    }

    private PromptEntry promptEntry(String name) {
        return registry.snapshot()
                .find(CapabilityKind.PROMPT, name)
                .map(c -> c.valueAs(PromptEntry.class))
                .orElseThrow(() -> new PincerException(
                        "prompt.unknown",
                        null,
                        null,
                        "no prompt named '" + name + "'",
                        Suggestions.closest(
                                        name,
                                        prompts().stream().map(PromptSpec::name).toList())
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("list the prompts to see which are served")));
    }

    private <T> List<T> run(
            String owner,
            AuditEvent.Kind kind,
            String action,
            String actor,
            ClassLoader loader,
            Duration timeout,
            Callable<List<T>> body) {
        long start = System.nanoTime();
        Outcome<List<T>> outcome = guard.call(owner, Phase.READ, loader, timeout, body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String failure = null;
        if (outcome instanceof Outcome.Failed<List<T>> failed) {
            failure = failed.message();
        } else if (outcome instanceof Outcome.TimedOut<List<T>> timedOut) {
            failure = timedOut.message();
        } else if (((Outcome.Ok<List<T>>) outcome).value() == null) {
            failure = "plugin '" + owner + "' returned nothing for " + kind.label() + " '" + action + "'";
        }
        audit.record(new AuditEvent(
                clock.instant(),
                actor,
                owner,
                kind,
                action,
                null,
                AuditEvent.Decision.ALLOWED,
                failure,
                null,
                took,
                failure == null ? "completed" : "failed",
                null));
        if (failure != null) {
            String code = kind == AuditEvent.Kind.RESOURCE ? "resource.failed" : "prompt.failed";
            throw new PincerException(code, owner, null, failure, null);
        }
        return List.copyOf(((Outcome.Ok<List<T>>) outcome).value());
    }

    /** Returns the template's variables filled from {@code uri}, or {@code null} if it does not match. */
    static Map<String, String> match(ResourceSpec spec, String uri) {
        if (!spec.isTemplate()) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher vars = Pattern.compile("\\{([^}]+)}").matcher(spec.uri());
        int at = 0;
        while (vars.find()) {
            regex.append(Pattern.quote(spec.uri().substring(at, vars.start()))).append("([^/]+)");
            names.add(vars.group(1));
            at = vars.end();
        }
        regex.append(Pattern.quote(spec.uri().substring(at)));
        Matcher m = Pattern.compile(regex.toString()).matcher(uri);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), m.group(i + 1));
        }
        return values;
    }
}
