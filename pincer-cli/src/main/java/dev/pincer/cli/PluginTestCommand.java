package dev.pincer.cli;

import dev.pincer.core.PincerVersion;
import dev.pincer.core.check.CheckReport;
import dev.pincer.core.check.CheckResult;
import dev.pincer.core.check.PluginCheck;
import dev.pincer.core.config.SandboxSettings;
import dev.pincer.core.skills.SkillLimits;
import dev.pincer.core.skills.SkillsRuntime;
import dev.pincer.mcp.runtime.McpRuntime;
import dev.pincer.wasm.WasmRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pincer plugins test <dir>}: checks one plugin folder, as its author, and prints a report.
 *
 * @since 0.1.0
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Check one plugin folder before you share it: the manifest, the config schema and settings,"
                    + " loading and activating the code, what it registers against what the manifest declares,"
                    + " each tool's declared examples, and deactivation.",
            "Runs the plugin's code with what it asks for approved, in a temporary home that is deleted"
                    + " afterwards: your Pincer home, approvals and audit log are not touched.",
            "Exit status 0 when every check passes, 1 otherwise."
        })
final class PluginTestCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Parameters(paramLabel = "DIR", description = "The plugin folder: the one that holds pincer-plugin.json or .toml.")
    Path folder;

    @Option(names = "--json", description = "Print one JSON object: folder, pluginId, passed and each check.")
    boolean json;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "A TOML file of the plugin's settings (what would go under"
                    + " [plugins.entries.<id>.config]) to check instead of the defaults.")
    Path config;

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        Path dir = top.workingDirectory().resolve(folder);
        WasmRuntime wasm = new WasmRuntime(SandboxSettings.defaults());
        McpRuntime mcp = new McpRuntime(top.env());
        CheckReport report;
        try {
            PluginCheck.Builder builder = PluginCheck.builder(PincerVersion.current())
                    .environment(top.env())
                    .runtime(wasm)
                    .runtime(mcp)
                    .runtime(new SkillsRuntime(SkillLimits.defaults()));
            if (config != null) {
                builder.settingsFile(top.workingDirectory().resolve(config));
            }
            report = builder.build().run(dir);
        } finally {
            mcp.close();
            wasm.close();
        }
        PrintWriter out = top.out();
        if (json) {
            out.println(Views.write(json(report)));
        } else {
            print(out, report);
        }
        return report.passed() ? 0 : 1;
    }

    private static void print(PrintWriter out, CheckReport report) {
        out.println("Testing " + (report.pluginId() == null ? "the plugin" : "plugin '" + report.pluginId() + "'")
                + " in " + report.folder());
        for (CheckResult r : report.results()) {
            out.println("  " + mark(r.status()) + " " + r.check() + ": " + r.summary());
            r.details().forEach(d -> out.println("      " + d));
        }
        List<CheckResult> failures = report.failures();
        long passed = report.results().stream()
                .filter(r -> r.status() == CheckResult.Status.PASSED)
                .count();
        out.println(
                failures.isEmpty()
                        ? "PASS: " + passed + " of " + report.results().size() + " checks passed"
                                + (passed < report.results().size() ? ", the others had nothing to check" : "")
                        : "FAIL: " + failures.size() + " of " + report.results().size() + " checks failed ("
                                + String.join(
                                        ", ",
                                        failures.stream()
                                                .map(CheckResult::check)
                                                .toList()) + ")");
    }

    private static String mark(CheckResult.Status status) {
        return switch (status) {
            case PASSED -> "✓";
            case FAILED -> "✗";
            case SKIPPED -> "-";
        };
    }

    private static ObjectNode json(CheckReport report) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("folder", report.folder().toString());
        node.put("pluginId", report.pluginId());
        node.put("passed", report.passed());
        ArrayNode checks = node.putArray("checks");
        for (CheckResult r : report.results()) {
            ObjectNode check = checks.addObject()
                    .put("check", r.check())
                    .put("status", r.status().label())
                    .put("summary", r.summary());
            ArrayNode details = check.putArray("details");
            r.details().forEach(details::add);
        }
        return node;
    }
}
