package dev.pincer.examples.hello;

import dev.pincer.api.Health;
import dev.pincer.api.Plugin;
import dev.pincer.api.PluginContext;
import dev.pincer.api.Service;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.hook.HookOutcome;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.ToolCallEvent;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows every part of a JVM plugin: a tool with an input schema, a destructive tool that policy
 * holds for a person's approval, a slash command, a gate hook that tidies arguments before a tool
 * runs, and a background service with a health check.
 *
 * <p>Not thread-safe itself; Pincer activates and deactivates it once.
 */
public final class HelloPlugin implements Plugin {

    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong greeted = new AtomicLong();
    private volatile Ticker ticker;

    @Override
    public void activate(PluginContext context) {
        String greeting = String.valueOf(context.config().getOrDefault("greeting", "Hello"));
        context.registerTool(
                ToolSpec.of("greet", "Greets someone by name.")
                        .withInputSchema("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\","
                                + "\"minLength\":1,\"maxLength\":100}},\"required\":[\"name\"],"
                                + "\"additionalProperties\":false}"),
                call -> {
                    greeted.incrementAndGet();
                    return ToolResult.text(greeting + ", " + call.arguments().get("name") + "!");
                });
        context.registerTool(
                ToolSpec.of("reset", "Forgets how many people were greeted.").markedDestructive(),
                call -> ToolResult.text("Forgot " + greeted.getAndSet(0) + " greetings."));
        context.registerCommand(
                CommandSpec.withArgs("hello", "Says hello.", "[name]"),
                invocation -> CommandResult.reply(
                        greeting + ", " + (invocation.args().isBlank() ? "world" : invocation.args()) + "!"));
        context.on(HookPoint.BEFORE_TOOL_CALL, HelloPlugin::tidyName);
        ticker = new Ticker(ticks);
        context.registerService(ticker);
    }

    /** Trims the name passed to greet, so " Ada " is greeted as "Ada". */
    private static HookOutcome<ToolCallEvent> tidyName(ToolCallEvent event) {
        Object name = event.call().arguments().get("name");
        if (!"greet".equals(event.call().toolName()) || !(name instanceof String text) || text.equals(text.strip())) {
            return HookOutcome.proceed();
        }
        Map<String, Object> arguments = new HashMap<>(event.call().arguments());
        arguments.put("name", text.strip());
        return HookOutcome.replace(event.withArguments(arguments));
    }

    @Override
    public Health health() {
        Ticker current = ticker;
        return current == null || current.running() ? Health.healthy() : Health.down("the ticker is not running");
    }

    /** Counts seconds while the plugin is active. */
    private static final class Ticker implements Service {
        private final AtomicLong ticks;
        private ScheduledExecutorService scheduler;

        Ticker(AtomicLong ticks) {
            this.ticks = ticks;
        }

        @Override
        public String name() {
            return "ticker";
        }

        @Override
        public synchronized void start() {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "hello-ticker");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleAtFixedRate(ticks::incrementAndGet, 1, 1, TimeUnit.SECONDS);
        }

        @Override
        public synchronized void stop() throws InterruptedException {
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler.awaitTermination(1, TimeUnit.SECONDS);
                scheduler = null;
            }
        }

        synchronized boolean running() {
            return scheduler != null && !scheduler.isShutdown();
        }
    }
}
