package dev.pincer.core.check;

import dev.pincer.api.Registration;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.host.ToolRequest;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.lifecycle.StateChange;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.DeclarationCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the checks that need the plugin's code in a host: the runtime loads it, it activates in
 * time, what it registered against what it declares, its tools' examples, and deactivation.
 *
 * <p>Stateless; each call works on the host it is given.
 */
final class HostRun {

    /** The names of every check, in the order they run. */
    static final List<String> CHECKS =
            List.of("manifest", "config", "runtime", "activation", "declarations", "examples", "deactivation");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {};

    private HostRun() {}

    /** Returns the outcome of the checks from "runtime" on, for {@code entry} run in {@code host}. */
    static List<CheckResult> check(PluginHost host, HostSettings limits, Catalog catalog, CatalogEntry entry) {
        String id = entry.id();
        PluginManifest manifest = entry.manifest().orElseThrow();
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        List<CheckResult> results = new ArrayList<>();
        Registration listening = host.onStateChange(c -> {
            if (c.pluginId().equals(id)) {
                changes.add(c);
            }
        });
        try {
            host.prepare(catalog);
            String type = manifest.runtime().type().label();
            if (has(host, id, "host.runtime-unavailable")) {
                results.add(CheckResult.failed(
                        "runtime", "this Pincer cannot run plugins of the " + type + " runtime", List.of()));
                return skipRest(results, "the runtime is not available");
            }
            long start = System.nanoTime();
            boolean active = host.activate(id, "checked by `pincer plugins test`");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (!active) {
                results.addAll(failedActivation(host, id, type, changes, limits));
                return skipRest(results, "the plugin did not activate");
            }
            host.startServices();
            results.add(CheckResult.passed("runtime", "the " + type + " runtime loaded the plugin", List.of()));
            results.add(activated(host, id, took, limits));
            results.add(declarations(host, entry, manifest));
            results.add(examples(host, manifest));
            results.add(deactivation(host, id));
        } finally {
            listening.close();
        }
        return results;
    }

    private static List<CheckResult> failedActivation(
            PluginHost host, String id, String type, List<StateChange> changes, HostSettings limits) {
        List<String> why = PluginCheck.errors(problems(host, id));
        boolean loaded = changes.stream().anyMatch(c -> c.to() == PluginState.LOADED);
        if (!loaded) {
            return List.of(CheckResult.failed("runtime", "the " + type + " runtime could not load the plugin", why));
        }
        return List.of(
                CheckResult.passed("runtime", "the " + type + " runtime loaded the plugin", List.of()),
                CheckResult.failed(
                        "activation",
                        "activation failed (the limit is " + seconds(limits.activationTimeout()) + ")",
                        why));
    }

    private static CheckResult activated(PluginHost host, String id, Duration took, HostSettings limits) {
        List<String> services = problems(host, id).stream()
                .filter(d -> d.code().equals("host.service"))
                .map(PluginCheck::line)
                .toList();
        String summary =
                "activated in " + took.toMillis() + " ms (the limit is " + seconds(limits.activationTimeout()) + ")";
        return services.isEmpty()
                ? CheckResult.passed("activation", summary, List.of())
                : CheckResult.failed("activation", summary + ", but its services did not start cleanly", services);
    }

    private static CheckResult declarations(PluginHost host, CatalogEntry entry, PluginManifest manifest) {
        List<Diagnostic> differences = DeclarationCheck.check(
                entry.id(),
                entry.plugin().manifestFile(),
                manifest.provides(),
                host.registry(),
                switch (manifest.runtime().type()) {
                    // What these runtimes register is found at run time, not declared.
                    case MCP -> Set.of(CapabilityKind.TOOL);
                    case SKILLS -> Set.of(CapabilityKind.SKILL);
                    default -> Set.<CapabilityKind>of();
                });
        if (differences.isEmpty()) {
            long count = host.registry().ownedBy(entry.id()).size();
            return CheckResult.passed(
                    "declarations",
                    "it registers exactly what the manifest declares (" + count + " capabilit"
                            + (count == 1 ? "y" : "ies") + ")",
                    List.of());
        }
        return CheckResult.failed(
                "declarations",
                "what it registers differs from what the manifest declares in " + differences.size() + " place"
                        + (differences.size() == 1 ? "" : "s"),
                differences.stream()
                        .map(d -> d.message()
                                + d.hintIfAny().map(h -> " (" + h + ")").orElse(""))
                        .toList());
    }

    private static CheckResult examples(PluginHost host, PluginManifest manifest) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        for (Provides.Tool tool : manifest.provides().tools()) {
            List<JsonNode> examples = tool.examples();
            for (int i = 0; i < examples.size(); i++) {
                // The author's own examples: a destructive tool's run as if a person confirmed them.
                Invocation call = host.tools()
                        .invoke(ToolRequest.of(tool.name(), JSON.convertValue(examples.get(i), ARGUMENTS), "cli")
                                .confirm());
                String which = "tool '" + tool.name() + "' example " + i + " " + examples.get(i);
                if (call.succeeded()) {
                    passes.add(which + " answered: " + text(call.result()));
                } else if (call.status() == Invocation.Status.COMPLETED) {
                    failures.add(which + " answered with an error result: " + text(call.result()));
                } else {
                    failures.add(which + " ended " + call.status().label() + ": " + call.message());
                }
            }
        }
        int total = passes.size() + failures.size();
        if (total == 0) {
            return CheckResult.skipped(
                    "examples", "no tool declares examples, so no tool was called (add \"examples\" to a tool)");
        }
        if (failures.isEmpty()) {
            return CheckResult.passed(
                    "examples", "every example (" + total + ") was answered without an error", passes);
        }
        return CheckResult.failed(
                "examples", failures.size() + " of " + total + " examples did not answer cleanly", failures);
    }

    private static CheckResult deactivation(PluginHost host, String id) {
        int before = host.reports().size();
        long start = System.nanoTime();
        host.deactivate(id);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> problems = host.reports().subList(before, host.reports().size()).stream()
                .filter(d -> id.equals(d.pluginId()) && !d.severity().label().equals("info"))
                .map(PluginCheck::line)
                .collect(Collectors.toList());
        PluginState state = host.states().get(id);
        if (state != PluginState.INACTIVE || !problems.isEmpty()) {
            return CheckResult.failed(
                    "deactivation",
                    "deactivation ended " + state.label()
                            + (problems.isEmpty() ? "" : " and left something behind (threads are listed below)"),
                    problems);
        }
        return CheckResult.passed(
                "deactivation", "deactivated in " + took.toMillis() + " ms and left no threads running", List.of());
    }

    private static List<Diagnostic> problems(PluginHost host, String id) {
        return host.reports().stream().filter(d -> id.equals(d.pluginId())).toList();
    }

    private static boolean has(PluginHost host, String id, String code) {
        return problems(host, id).stream().anyMatch(d -> d.code().equals(code));
    }

    private static String text(ToolResult result) {
        return result.content().stream()
                .map(c -> c instanceof Content.Text t ? t.text() : c.toString())
                .collect(Collectors.joining(" "));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static List<CheckResult> skipRest(List<CheckResult> results, String why) {
        for (String check : CHECKS.subList(2, CHECKS.size())) {
            if (results.stream().noneMatch(r -> r.check().equals(check))) {
                results.add(CheckResult.skipped(check, "not checked: " + why));
            }
        }
        return results;
    }
}
