package dev.pincer.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.channel.Channel;
import dev.pincer.api.channel.Stage;
import dev.pincer.api.command.CommandHandler;
import dev.pincer.api.command.CommandInvocation;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.hook.HookHandler;
import dev.pincer.api.hook.HookOutcome;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.ToolCallEvent;
import dev.pincer.api.memory.MemoryBackend;
import dev.pincer.api.provider.Provider;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolHandler;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginActivationTest {

    /** A plugin as an author would write it: one tool, one command, one gate. */
    static final class GreeterPlugin implements Plugin {

        @Override
        public void activate(PluginContext context) {
            String greeting = (String) context.config().getOrDefault("greeting", "Hello");
            context.registerTool(
                    ToolSpec.of("greet", "Greets someone by name"),
                    call -> call.arguments().get("name") instanceof String name
                            ? ToolResult.text(greeting + ", " + name + "!")
                            : ToolResult.error("argument 'name' is missing; pass the person's name"));
            context.registerCommand(
                    CommandSpec.withArgs("greet", "Greets someone", "<name>"),
                    invocation -> CommandResult.reply(greeting + ", " + invocation.args() + "!"));
            context.on(
                    HookPoint.BEFORE_TOOL_CALL,
                    100,
                    event -> event.destructive()
                            ? HookOutcome.block("greeter forbids destructive tools")
                            : HookOutcome.proceed());
        }
    }

    @Test
    void pluginRegistersToolWhoseHandlerAnswers(@TempDir Path data) throws Exception {
        FakeContext context = new FakeContext(Map.of("greeting", "Hej"), data);

        new GreeterPlugin().activate(context);
        ToolResult result = context.tools.get("greet").call(new ToolCall("greet", Map.of("name", "Ada"), "c1", null));

        assertThat(result.isError()).isFalse();
        assertThat(result.content()).containsExactly(Content.text("Hej, Ada!"));
    }

    @Test
    void pluginRegistersCommandAndGateWithPriority(@TempDir Path data) throws Exception {
        FakeContext context = new FakeContext(Map.of(), data);

        new GreeterPlugin().activate(context);
        CommandResult reply =
                context.commands.get("greet").handle(new CommandInvocation("greet", "Ada", "console", null));
        ToolCallEvent destructiveCall = new ToolCallEvent(new ToolCall("rm", Map.of(), "c2", null), true);

        assertThat(reply.text()).isEqualTo("Hello, Ada!");
        assertThat(context.hooks).singleElement().satisfies(hook -> {
            assertThat(hook.point()).isSameAs(HookPoint.BEFORE_TOOL_CALL);
            assertThat(hook.priority()).isEqualTo(100);
        });
        assertThat(context.gate().handle(destructiveCall))
                .isEqualTo(HookOutcome.block("greeter forbids destructive tools"));
    }

    /** Records what a plugin registers; everything else is unsupported in these tests. */
    private static final class FakeContext implements PluginContext {

        record HookRegistration(HookPoint<?> point, int priority, HookHandler<?> handler) {}

        final Map<String, ToolHandler> tools = new LinkedHashMap<>();
        final Map<String, CommandHandler> commands = new LinkedHashMap<>();
        final List<HookRegistration> hooks = new ArrayList<>();
        private final Map<String, Object> config;
        private final Path dataDirectory;

        FakeContext(Map<String, Object> config, Path dataDirectory) {
            this.config = config;
            this.dataDirectory = dataDirectory;
        }

        @SuppressWarnings("unchecked") // registered for BEFORE_TOOL_CALL, whose event type is ToolCallEvent
        HookHandler<ToolCallEvent> gate() {
            return (HookHandler<ToolCallEvent>) hooks.get(0).handler();
        }

        @Override
        public String pluginId() {
            return "greeter";
        }

        @Override
        public String pluginVersion() {
            return "1.0.0";
        }

        @Override
        public Map<String, Object> config() {
            return config;
        }

        @Override
        public Path dataDirectory() {
            return dataDirectory;
        }

        @Override
        public System.Logger logger() {
            return System.getLogger(pluginId());
        }

        @Override
        public Registration registerPolicy(dev.pincer.api.policy.PolicyRule rule) {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public dev.pincer.api.access.HttpAccess http() {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public dev.pincer.api.access.FileAccess files() {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public dev.pincer.api.access.EnvAccess env() {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public dev.pincer.api.access.ProcessAccess processes() {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public Registration registerTool(ToolSpec spec, ToolHandler handler) {
            tools.put(spec.name(), handler);
            return () -> tools.remove(spec.name());
        }

        @Override
        public Registration registerCommand(CommandSpec spec, CommandHandler handler) {
            commands.put(spec.name(), handler);
            return () -> commands.remove(spec.name());
        }

        @Override
        public <E> Registration on(HookPoint<E> hook, int priority, HookHandler<E> handler) {
            HookRegistration registration = new HookRegistration(hook, priority, handler);
            hooks.add(registration);
            return () -> hooks.remove(registration);
        }

        @Override
        public Registration registerSkill(SkillSpec skill) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerService(Service service) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerChannel(Channel channel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerStage(Stage stage) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerProvider(Provider provider) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerMemory(MemoryBackend backend) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerResource(
                dev.pincer.api.resource.ResourceSpec spec, dev.pincer.api.resource.ResourceHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerPrompt(
                dev.pincer.api.prompt.PromptSpec spec, dev.pincer.api.prompt.PromptHandler handler) {
            throw new UnsupportedOperationException();
        }
    }
}
