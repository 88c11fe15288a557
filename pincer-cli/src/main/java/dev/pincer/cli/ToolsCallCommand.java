package dev.pincer.cli;

import dev.pincer.api.tool.Content;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.JsonValues;
import dev.pincer.core.host.ToolRequest;
import dev.pincer.core.manifest.Formats;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pincer tools call <tool> --args '<json>'}: calls one tool through the same invocation
 * path every surface uses (schema check, hooks, guard, limits).
 *
 * @since 0.1.0
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Call a tool and print its result.",
            "Every call passes policy (destructive tools, spending limits, rules in config.toml) and is recorded"
                    + " in the audit log.",
            "Exit status 1 when the tool is unknown, the arguments do not fit its schema, policy denies or holds"
                    + " the call, a hook blocks it, the plugin fails or times out, or the tool returns an error"
                    + " result."
        })
final class ToolsCallCommand implements Callable<Integer> {

    @ParentCommand
    ToolsCommand tools;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOOL", description = "The tool name, as shown by `pincer tools list`.")
    String tool;

    @Option(
            names = "--args",
            paramLabel = "JSON",
            defaultValue = "{}",
            description = "The arguments as a JSON object. Default: {}.")
    String args;

    @Option(
            names = "--confirm",
            description = "Approve this one call when policy holds it for a person's approval (a destructive tool,"
                    + " a cost over the limit). Never overrides a call policy denies.")
    boolean confirm;

    @Option(
            names = "--json",
            description =
                    "Print the outcome as a JSON object (status, plugin, durationMs, isError," + " content, message).")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> arguments = parse(args);
        PincerCommand top = tools.top;
        PrintWriter out = top.out();
        try (RunningHost running = RunningHost.start(top, top.scan())) {
            Invocation result =
                    running.host().tools().invoke(new ToolRequest(tool, arguments, null, "cli:" + top.user(), confirm));
            if (json) {
                out.println(Views.write(asJson(result)));
            } else if (result.status() == Invocation.Status.COMPLETED) {
                PrintWriter target = result.result().isError() ? top.err() : out;
                result.result().content().forEach(c -> target.println(render(c)));
            } else {
                top.err().println("error: " + result.message());
                if (result.status() == Invocation.Status.REQUIRES_APPROVAL) {
                    top.err().println("  hint: if you approve this call, run the same command with --confirm");
                }
            }
            return result.succeeded() ? 0 : 1;
        }
    }

    private Map<String, Object> parse(String text) {
        JsonNode node;
        try {
            node = Formats.json().readTree(text);
        } catch (JacksonException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--args is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || Formats.tooDeep(node)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--args must be a JSON object such as" + " '{\"name\": \"Ada\"}', nested at most "
                            + Formats.MAX_NESTING + " levels");
        }
        return JsonValues.toImmutable(node);
    }

    private static String render(Content content) {
        if (content instanceof Content.Text text) {
            return text.text();
        }
        if (content instanceof Content.Json value) {
            return Views.write(JsonMapper.builder().build().valueToTree(value.value()));
        }
        if (content instanceof Content.Image image) {
            return "[image " + image.mimeType() + ", " + image.base64Data().length() + " base64 characters]";
        }
        Content.Audio audio = (Content.Audio) content;
        return "[audio " + audio.mimeType() + ", " + audio.base64Data().length() + " base64 characters]";
    }

    private static ObjectNode asJson(Invocation result) {
        ObjectNode node = JsonNodeFactory.instance
                .objectNode()
                .put("status", result.status().label())
                .put("plugin", result.pluginId())
                .put("durationMs", result.duration().toNanos() / 1e6)
                .put("message", result.message());
        if (result.result() != null) {
            node.put("isError", result.result().isError());
            ArrayNode content = node.putArray("content");
            result.result().content().forEach(c -> content.addObject().put("text", render(c)));
        }
        return node;
    }
}
