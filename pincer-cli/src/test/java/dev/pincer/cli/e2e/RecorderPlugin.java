package dev.pincer.cli.e2e;

import dev.pincer.api.Plugin;
import dev.pincer.api.PluginContext;
import dev.pincer.api.channel.Stage;
import dev.pincer.api.channel.StageMessage;
import dev.pincer.api.channel.StageResult;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.hook.HookOutcome;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.ToolCallEvent;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A plugin for the end-to-end test of the gateway, packed into a jar by the test: it records every
 * hook point it sees, one name per line, to {@code hooks.log} in its data folder; expands "pls" to
 * "please" in an inbound stage; answers {@code /hooks} with what it recorded; offers {@code add}
 * and {@code delete_everything}, and blocks every tool whose name starts with {@code delete_} in
 * a {@code before_tool_call} gate.
 */
public final class RecorderPlugin implements Plugin {

    private Path log;

    @Override
    public void activate(PluginContext context) throws IOException {
        log = Files.createDirectories(context.dataDirectory()).resolve("hooks.log");
        for (HookPoint<?> point : HookPoint.all()) {
            record(context, point);
        }
        context.on(
                HookPoint.BEFORE_TOOL_CALL,
                10,
                (ToolCallEvent e) -> e.call().toolName().startsWith("delete_")
                        ? HookOutcome.block("the recorder plugin blocks every delete_ tool")
                        : HookOutcome.proceed());
        context.registerStage(new Stage() {
            @Override
            public String name() {
                return "expand";
            }

            @Override
            public Direction direction() {
                return Direction.INBOUND;
            }

            @Override
            public StageResult apply(StageMessage message) {
                return message.text().contains("pls")
                        ? StageResult.replace(message.withText(message.text().replace("pls", "please")))
                        : StageResult.pass();
            }
        });
        context.registerCommand(CommandSpec.noArgs("hooks", "Lists the hook points the recorder saw, in order."), i -> {
            try {
                return CommandResult.reply(String.join(",", Files.readAllLines(log, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        context.registerTool(
                ToolSpec.of("add", "Adds two whole numbers.")
                        .withInputSchema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
                                + "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}"),
                call -> ToolResult.text(
                        String.valueOf(((Number) call.arguments().get("a")).longValue()
                                + ((Number) call.arguments().get("b")).longValue())));
        context.registerTool(
                ToolSpec.of("delete_everything", "Deletes everything."), call -> ToolResult.text("deleted everything"));
    }

    private <E> void record(PluginContext context, HookPoint<E> point) {
        context.on(point, 100, event -> {
            synchronized (this) {
                Files.writeString(
                        log,
                        point.name() + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            return HookOutcome.proceed();
        });
    }
}
