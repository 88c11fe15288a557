package dev.pincer.core.commands;

import dev.pincer.api.PluginException;
import dev.pincer.api.command.CommandHandler;
import dev.pincer.api.command.CommandInvocation;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds every slash command, built-in and from plugins, and dispatches typed lines to them.
 *
 * <p>Built-in commands come first: {@code /help}, which the registry provides, then the ones passed
 * to the constructor; plugin commands follow in the order they are registered, which is activation
 * order. A name is owned by whoever took it first: a later registration under a taken name is
 * refused with a {@code commands.collision} diagnostic naming the command and both owners, so a
 * plugin can never shadow a built-in or another plugin's command. Plugin handlers run through the
 * {@link Guard} in {@link Phase#COMMAND} with the plugin's id, class loader and time limit; built-in
 * handlers are host code and run directly.
 *
 * <p>Thread-safe: registration, removal, help and dispatch may happen from any thread; a handler
 * runs outside the registry's lock, so commands run concurrently.
 *
 * @since 0.1.0
 */
public final class CommandRegistry {

    private final Guard guard;
    private final Map<String, Entry> commands = new LinkedHashMap<>();

    /**
     * Creates a registry holding {@code /help} and the given built-in commands.
     *
     * @param guard runs every call into a plugin's command handler
     * @param builtins the other commands Pincer provides, in help order
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if two built-ins share a name, or one is called {@code help}
     */
    public CommandRegistry(Guard guard, List<BuiltinCommand> builtins) {
        this.guard = Objects.requireNonNull(guard, "guard");
        List<BuiltinCommand> all = new ArrayList<>();
        all.add(new BuiltinCommand(
                CommandSpec.noArgs("help", "Lists every command with its arguments and who provides it."),
                invocation -> CommandResult.reply(help())));
        all.addAll(List.copyOf(builtins));
        for (BuiltinCommand builtin : all) {
            Entry entry = new Entry(new RegisteredCommand(builtin.spec(), null), builtin.handler(), null, null);
            if (commands.putIfAbsent(builtin.spec().name(), entry) != null) {
                throw new IllegalArgumentException(
                        "two built-in commands are called /" + builtin.spec().name() + "; rename one");
            }
        }
    }

    /**
     * Registers a plugin's command, unless its name is taken.
     *
     * @param pluginId the plugin, not blank
     * @param spec the command
     * @param handler answers invocations
     * @param timeout how long one invocation may take, positive
     * @param loader the plugin's class loader, made the context class loader during calls; {@code
     *     null} to leave it alone
     * @return {@link CommandAdmission.Accepted} with a registration that withdraws the command, or
     *     {@link CommandAdmission.Refused} with a {@code commands.collision} error diagnostic
     * @throws NullPointerException if an argument other than {@code loader} is {@code null}
     * @throws IllegalArgumentException if {@code pluginId} is blank or {@code timeout} not positive
     */
    public CommandAdmission register(
            String pluginId, CommandSpec spec, CommandHandler handler, Duration timeout, ClassLoader loader) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        if (pluginId.isBlank() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command /" + spec.name() + " needs a plugin id and a positive"
                    + " timeout, but got plugin \"" + pluginId + "\" and timeout " + timeout);
        }
        Entry entry = new Entry(new RegisteredCommand(spec, pluginId), handler, timeout, loader);
        synchronized (commands) {
            Entry holder = commands.putIfAbsent(spec.name(), entry);
            if (holder != null) {
                return new CommandAdmission.Refused(collision(entry.command(), holder.command()));
            }
        }
        return new CommandAdmission.Accepted(() -> withdraw(entry));
    }

    /**
     * Returns the refusal {@link #register} would give {@code pluginId}'s command {@code spec} if the
     * commands of the plugins in {@code replaced} were gone, without registering anything; a reload
     * asks this before it swaps a plugin's generations.
     *
     * @return the {@code commands.collision} error, or empty when the name would be free
     */
    public Optional<Diagnostic> wouldRefuse(String pluginId, CommandSpec spec, java.util.Set<String> replaced) {
        Entry holder;
        synchronized (commands) {
            holder = commands.get(spec.name());
        }
        if (holder == null
                || (holder.command().pluginId() != null
                        && replaced.contains(holder.command().pluginId()))) {
            return Optional.empty();
        }
        return Optional.of(collision(new RegisteredCommand(spec, pluginId), holder.command()));
    }

    /**
     * Removes every command of a plugin; invocations already running finish.
     *
     * @param pluginId the plugin
     * @throws NullPointerException if {@code pluginId} is {@code null}
     */
    public void unregisterAll(String pluginId) {
        Objects.requireNonNull(pluginId, "pluginId");
        synchronized (commands) {
            commands.values().removeIf(entry -> pluginId.equals(entry.command().pluginId()));
        }
    }

    /**
     * Returns every command, built-ins first, then plugin commands in registration order.
     *
     * @return an immutable snapshot
     */
    public List<RegisteredCommand> commands() {
        synchronized (commands) {
            return commands.values().stream().map(Entry::command).toList();
        }
    }

    /**
     * Returns the help listing: one line per command with its arguments, description and owner.
     *
     * @return the text, starting with {@code Commands:}
     */
    public String help() {
        return HelpText.of(commands());
    }

    /**
     * Runs the command a user typed, or says the line is not one.
     *
     * <p>A command line is {@code /name rest}: the name is matched in lower case and the rest,
     * stripped, is the arguments. An unknown name or arguments to a command that takes none are
     * answered with a {@link DispatchResult.Failed} the user can act on.
     *
     * @param line what the user typed
     * @param channelId the channel it was typed in, not blank
     * @param sessionId the session it belongs to, or {@code null}
     * @return what became of the line
     * @throws NullPointerException if {@code line} or {@code channelId} is {@code null}
     * @throws IllegalArgumentException if {@code channelId} is blank
     */
    public DispatchResult dispatch(String line, String channelId, String sessionId) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(channelId, "channelId");
        if (channelId.isBlank()) {
            throw new IllegalArgumentException("channelId must not be blank");
        }
        CommandLine parsed = CommandLine.parse(line).orElse(null);
        if (parsed == null) {
            return new DispatchResult.NotACommand(line);
        }
        Entry entry;
        synchronized (commands) {
            entry = commands.get(parsed.name());
        }
        if (entry == null) {
            return unknown(parsed);
        }
        CommandSpec spec = entry.command().spec();
        if (!spec.acceptsArgs() && !parsed.args().isEmpty()) {
            return failed(
                    entry,
                    "/" + spec.name() + " takes no arguments, but got \"" + parsed.args() + "\". Type /" + spec.name()
                            + " on its own.");
        }
        return run(entry, new CommandInvocation(spec.name(), parsed.args(), channelId, sessionId));
    }

    private DispatchResult run(Entry entry, CommandInvocation invocation) {
        RegisteredCommand command = entry.command();
        if (command.builtIn()) {
            try {
                return answered(entry, entry.handler().handle(invocation));
            } catch (Exception e) {
                return failed(entry, "/" + invocation.name() + " failed because of an internal error in Pincer: " + e);
            }
        }
        Outcome<CommandResult> outcome =
                guard.call(command.pluginId(), Phase.COMMAND, entry.loader(), entry.timeout(), () -> entry.handler()
                        .handle(invocation));
        if (outcome instanceof Outcome.Ok<CommandResult> ok) {
            return answered(entry, ok.value());
        }
        return failed(entry, failureMessage(invocation.name(), command, outcome));
    }

    private static DispatchResult answered(Entry entry, CommandResult result) {
        String name = entry.command().spec().name();
        String pluginId = entry.command().pluginId();
        if (result == null) {
            return failed(entry, "/" + name + " failed: " + entry.command().owner() + " returned no result.");
        }
        return result.hasReply()
                ? new DispatchResult.Replied(name, pluginId, result.text())
                : new DispatchResult.NoReply(name, pluginId);
    }

    private static String failureMessage(String name, RegisteredCommand command, Outcome<?> outcome) {
        if (outcome instanceof Outcome.TimedOut<?> timedOut) {
            return "/" + name + " did not answer within " + timedOut.after().toMillis() + " ms (" + command.owner()
                    + "). Try again later.";
        }
        Throwable error = ((Outcome.Failed<?>) outcome).error();
        if (error instanceof PluginException pluginError) {
            return "/" + name + " failed: " + pluginError.getMessage();
        }
        return "/" + name + " failed because of an internal error in " + command.owner()
                + "; the details are in Pincer's log.";
    }

    private DispatchResult unknown(CommandLine parsed) {
        String suggestion = Suggestions.closest(parsed.name(), names())
                .map(name -> " Did you mean /" + name + "?")
                .orElse("");
        return new DispatchResult.Failed(
                parsed.typed(),
                null,
                "Unknown command /" + parsed.typed() + "." + suggestion + " Type /help to see the commands.");
    }

    private static DispatchResult failed(Entry entry, String message) {
        return new DispatchResult.Failed(
                entry.command().spec().name(), entry.command().pluginId(), message);
    }

    private List<String> names() {
        synchronized (commands) {
            return List.copyOf(commands.keySet());
        }
    }

    private void withdraw(Entry entry) {
        synchronized (commands) {
            // Identity, not equals: a command re-registered after this one was withdrawn stays.
            if (commands.get(entry.command().spec().name()) == entry) {
                commands.remove(entry.command().spec().name());
            }
        }
    }

    private static Diagnostic collision(RegisteredCommand refused, RegisteredCommand holder) {
        String name = "/" + refused.spec().name();
        String taken = holder.pluginId() != null && holder.pluginId().equals(refused.pluginId())
                ? refused.owner() + " already registered " + name
                : name + " is already taken by " + holder.owner();
        String hint = holder.builtIn()
                ? "built-in commands cannot be replaced; rename the command in " + refused.owner()
                : "rename the command in one of the plugins, or disable one of them";
        return Diagnostic.error(
                "commands.collision",
                refused.pluginId(),
                null,
                "command " + name + " of " + refused.owner() + " was refused: " + taken,
                hint);
    }

    /** A command with what it takes to call it; compared by identity. */
    private static final class Entry {
        private final RegisteredCommand command;
        private final CommandHandler handler;
        private final Duration timeout;
        private final ClassLoader loader;

        Entry(RegisteredCommand command, CommandHandler handler, Duration timeout, ClassLoader loader) {
            this.command = command;
            this.handler = handler;
            this.timeout = timeout;
            this.loader = loader;
        }

        RegisteredCommand command() {
            return command;
        }

        CommandHandler handler() {
            return handler;
        }

        Duration timeout() {
            return timeout;
        }

        ClassLoader loader() {
            return loader;
        }
    }

    /**
     * Returns the command name a line invokes ({@code "/hello Ada"} gives {@code hello}), lower-case,
     * or empty when the line is not a command.
     */
    public static Optional<String> commandName(String line) {
        return CommandLine.parse(line).map(CommandLine::name);
    }
}
