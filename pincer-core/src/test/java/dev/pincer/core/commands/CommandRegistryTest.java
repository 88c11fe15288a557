package dev.pincer.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.PluginException;
import dev.pincer.api.Registration;
import dev.pincer.api.command.CommandHandler;
import dev.pincer.api.command.CommandInvocation;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.lifecycle.Guard;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandRegistryTest {

    private static final Duration LONG = Duration.ofSeconds(5);
    private static final CommandSpec WEATHER =
            CommandSpec.withArgs("weather", "Shows the weather for a city.", "<city>");
    private static final CommandSpec STATUS = CommandSpec.noArgs("status", "Shows what is running.");

    private final ExecutorService guardThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "command-registry-test");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final CommandRegistry registry = new CommandRegistry(
            new Guard(guardThreads, (id, phase, outcome) -> failures.add(id + " " + phase.label())),
            List.of(new BuiltinCommand(
                    CommandSpec.noArgs("version", "Shows Pincer's version."),
                    invocation -> CommandResult.reply("0.1.0"))));

    @AfterEach
    void stopThreads() {
        guardThreads.shutdownNow();
    }

    private Registration accept(String pluginId, CommandSpec spec, CommandHandler handler) {
        CommandAdmission admission = registry.register(pluginId, spec, handler, LONG, null);
        assertThat(admission.accepted()).as(admission.toString()).isTrue();
        return ((CommandAdmission.Accepted) admission).registration();
    }

    private static Diagnostic refusal(CommandAdmission admission) {
        assertThat(admission).isInstanceOf(CommandAdmission.Refused.class);
        return ((CommandAdmission.Refused) admission).diagnostic();
    }

    private DispatchResult dispatch(String line) {
        return registry.dispatch(line, "console", "s1");
    }

    private static CommandHandler replying(String text) {
        return invocation -> CommandResult.reply(text);
    }

    @Test
    void helpListsBuiltinsFirstThenPluginCommandsWithHintsDescriptionsAndOwners() {
        accept("weather", WEATHER, replying("sunny"));
        accept("ops", STATUS, replying("ok"));
        accept("ops", CommandSpec.withArgs("echo", "", null), replying("echo"));

        DispatchResult result = dispatch("/help");

        assertThat(result).isInstanceOf(DispatchResult.Replied.class);
        assertThat(result.userText())
                .contains(
                        """
                        Commands:
                          /help            Lists every command with its arguments and who provides it.  [built-in]
                          /version         Shows Pincer's version.  [built-in]
                          /weather <city>  Shows the weather for a city.  [weather]
                          /status          Shows what is running.  [ops]
                          /echo <args>     [ops]""");
    }

    @Test
    void collisionBetweenPluginsIsRefusedNamingBothOwnersAndTheFirstKeepsTheCommand() {
        accept("weather", WEATHER, replying("from weather"));

        Diagnostic diagnostic = refusal(registry.register("forecast", WEATHER, replying("from forecast"), LONG, null));

        assertThat(diagnostic.code()).isEqualTo("commands.collision");
        assertThat(diagnostic.isError()).isTrue();
        assertThat(diagnostic.pluginId()).isEqualTo("forecast");
        assertThat(diagnostic.message())
                .isEqualTo("command /weather of plugin 'forecast' was refused: /weather is already taken by plugin"
                        + " 'weather'");
        assertThat(dispatch("/weather Paris").userText()).contains("from weather");
    }

    @Test
    void pluginCannotShadowABuiltinCommand() {
        Diagnostic diagnostic = refusal(
                registry.register("sneaky", CommandSpec.noArgs("help", "My help"), replying("mine"), LONG, null));

        assertThat(diagnostic.code()).isEqualTo("commands.collision");
        assertThat(diagnostic.message())
                .isEqualTo("command /help of plugin 'sneaky' was refused: /help is already taken by Pincer (built-in)");
        assertThat(diagnostic.hint())
                .isEqualTo("built-in commands cannot be replaced; rename the command in plugin 'sneaky'");
        assertThat(dispatch("/help").userText().orElseThrow()).startsWith("Commands:");
    }

    @Test
    void samePluginRegisteringACommandTwiceIsRefused() {
        accept("weather", WEATHER, replying("one"));

        Diagnostic diagnostic = refusal(registry.register("weather", WEATHER, replying("two"), LONG, null));

        assertThat(diagnostic.message())
                .isEqualTo(
                        "command /weather of plugin 'weather' was refused: plugin 'weather' already registered /weather");
    }

    @Test
    void dispatchPassesTheStrippedRestOfTheLineAsArguments() {
        AtomicReference<CommandInvocation> seen = new AtomicReference<>();
        accept("weather", WEATHER, invocation -> {
            seen.set(invocation);
            return CommandResult.reply("sunny in " + invocation.args());
        });

        DispatchResult result = dispatch("  /Weather   Paris, France  ");

        assertThat(result).isEqualTo(new DispatchResult.Replied("weather", "weather", "sunny in Paris, France"));
        assertThat(seen.get()).isEqualTo(new CommandInvocation("weather", "Paris, France", "console", "s1"));
    }

    @Test
    void dispatchWithoutArgumentsPassesEmptyArgumentsAndMayReplyNothing() {
        AtomicReference<CommandInvocation> seen = new AtomicReference<>();
        accept("ops", STATUS, invocation -> {
            seen.set(invocation);
            return CommandResult.none();
        });

        DispatchResult result = dispatch("/status");

        assertThat(result).isEqualTo(new DispatchResult.NoReply("status", "ops"));
        assertThat(result.userText()).isEmpty();
        assertThat(seen.get().hasArgs()).isFalse();
    }

    @Test
    void argumentsToACommandThatTakesNoneAreAnErrorSayingSo() {
        accept("ops", STATUS, replying("ok"));

        DispatchResult result = dispatch("/status now please");

        assertThat(result).isInstanceOf(DispatchResult.Failed.class);
        assertThat(result.userText())
                .contains("/status takes no arguments, but got \"now please\". Type /status on its own.");
    }

    @Test
    void unknownCommandSuggestsTheClosestNameAndPointsToHelp() {
        accept("weather", WEATHER, replying("sunny"));

        assertThat(dispatch("/wether Paris").userText())
                .contains("Unknown command /wether. Did you mean /weather? Type /help to see the commands.");
        assertThat(dispatch("/zzz").userText()).contains("Unknown command /zzz. Type /help to see the commands.");
    }

    @Test
    void textWithoutALeadingCommandIsNotACommand() {
        accept("weather", WEATHER, replying("sunny"));

        assertThat(dispatch("what is the weather?")).isEqualTo(new DispatchResult.NotACommand("what is the weather?"));
        assertThat(dispatch("say /weather Paris")).isInstanceOf(DispatchResult.NotACommand.class);
        assertThat(dispatch("/etc/hosts is broken")).isInstanceOf(DispatchResult.NotACommand.class);
        assertThat(dispatch("/")).isInstanceOf(DispatchResult.NotACommand.class);
    }

    @Test
    void throwingCommandIsAnErrorNamingThePluginAndIsReportedThroughTheGuard() {
        accept("weather", WEATHER, invocation -> {
            throw new IllegalStateException("null pointer somewhere");
        });

        DispatchResult result = dispatch("/weather Paris");

        assertThat(result).isInstanceOf(DispatchResult.Failed.class);
        assertThat(((DispatchResult.Failed) result).pluginId()).isEqualTo("weather");
        assertThat(result.userText())
                .contains("/weather failed because of an internal error in plugin 'weather'; the details are in"
                        + " Pincer's log.");
        assertThat(failures).containsExactly("weather command");
    }

    @Test
    void pluginExceptionMessageIsShownToTheUser() {
        accept("weather", WEATHER, invocation -> {
            throw new PluginException("unknown_city", "I don't know a city called 'Atlantis'.");
        });

        assertThat(dispatch("/weather Atlantis").userText())
                .contains("/weather failed: I don't know a city called 'Atlantis'.");
    }

    @Test
    void hangingCommandTimesOutWithAMessage() {
        registry.register(
                "slow",
                CommandSpec.noArgs("slow", "Never answers."),
                invocation -> {
                    new CountDownLatch(1).await();
                    return CommandResult.none();
                },
                Duration.ofMillis(100),
                null);

        DispatchResult result = dispatch("/slow");

        assertThat(result).isInstanceOf(DispatchResult.Failed.class);
        assertThat(result.userText()).contains("/slow did not answer within 100 ms (plugin 'slow'). Try again later.");
        assertThat(failures).containsExactly("slow command");
    }

    @Test
    void unregisterAllRemovesThePluginsCommandsAndFreesTheirNames() {
        Registration stale = accept("weather", WEATHER, replying("old"));
        accept("weather", STATUS, replying("ok"));
        accept("ops", CommandSpec.noArgs("uptime", "Shows uptime."), replying("1h"));

        registry.unregisterAll("weather");
        accept("forecast", WEATHER, replying("new"));
        stale.close();

        assertThat(registry.commands())
                .extracting(c -> c.spec().name() + "@" + c.pluginId())
                .containsExactly("help@null", "version@null", "uptime@ops", "weather@forecast");
        assertThat(dispatch("/weather Oslo").userText()).contains("new");
        assertThat(dispatch("/status").userText()).contains("Unknown command /status. Type /help to see the commands.");
        assertThat(registry.help()).doesNotContain("[weather]").contains("[forecast]");
    }

    @Test
    void closingARegistrationWithdrawsTheCommand() {
        Registration registration = accept("ops", STATUS, replying("ok"));

        registration.close();
        registration.close();

        assertThat(dispatch("/status")).isInstanceOf(DispatchResult.Failed.class);
    }

    @Test
    void builtinsWithTheSameNameAreAProgrammerError() {
        Guard guard = new Guard(guardThreads, (id, phase, outcome) -> {});
        List<BuiltinCommand> twoHelps =
                List.of(new BuiltinCommand(CommandSpec.noArgs("help", "Another help."), replying("x")));

        assertThatThrownBy(() -> new CommandRegistry(guard, twoHelps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two built-in commands are called /help; rename one");
    }
}
