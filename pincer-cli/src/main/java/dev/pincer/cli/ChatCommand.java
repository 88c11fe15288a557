package dev.pincer.cli;

import dev.pincer.api.channel.Channel;
import dev.pincer.api.channel.InboundMessage;
import dev.pincer.api.channel.InboundSink;
import dev.pincer.api.channel.OutboundMessage;
import dev.pincer.core.agent.Delivery;
import dev.pincer.core.agent.Gateway;
import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer chat}: the console channel. Each line typed is a message: slash commands always
 * work; anything else is an agent turn when a model provider is configured, and otherwise the
 * reply says how to configure one.
 *
 * @since 0.1.0
 */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Talk to the agent on the console: each line is a message, through the same stages, hooks, commands,"
                    + " provider and tools as the gateway's channels.",
            "Slash commands always work (/help lists them, /new starts a new session); other lines are agent turns"
                    + " with the provider of [agent] in config.toml. /quit or end of input leaves."
        })
final class ChatCommand implements Callable<Integer> {

    /** The host-owned name the console channel is registered under. */
    static final String OWNER = "pincer:console";

    @ParentCommand
    PincerCommand top;

    @Option(
            names = "--conversation",
            paramLabel = "NAME",
            defaultValue = "console",
            description = "The conversation to talk in; each has its own session (default: console).")
    String conversation;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ConfigLoadResult config = ConfigLoader.create().load(top.layout());
        var catalog = top.scan(config);
        PrintWriter out = top.out();
        PrintWriter err = top.err();
        Console console = new Console(out);
        String sender = top.env().getOrDefault("USER", top.env().getOrDefault("LOGNAME", "you"));
        try (RunningHost running = RunningHost.start(top, config, catalog)) {
            running.host().publish(OWNER, context -> context.registerChannel(console));
            try (Gateway gateway = running.agent(top, catalog)) {
                err.println("pincer chat: type a message, /help for commands, /quit to leave.");
                gateway.providerProblem().ifPresent(p -> err.println("note: " + p));
                err.flush();
                String line;
                while ((line = top.in().readLine()) != null) {
                    String text = line.strip();
                    if (text.isEmpty()) {
                        continue;
                    }
                    if (text.equals("/quit") || text.equals("/exit")) {
                        break;
                    }
                    Delivery delivery;
                    try {
                        delivery = gateway.submit(InboundMessage.of(Console.ID, conversation, sender, text))
                                .get();
                    } catch (ExecutionException e) {
                        err.println("error: " + e.getCause());
                        continue;
                    }
                    if (delivery.status() != Delivery.Status.SENT) {
                        err.println("(" + delivery.status().label() + ": " + delivery.detail() + ")");
                        err.flush();
                    }
                }
            }
            running.reportProblems();
        }
        return 0;
    }

    /** The console channel: replies go to standard output, streamed as they are written. */
    static final class Console implements Channel {

        static final String ID = "console";

        private final PrintWriter out;
        private int shown;

        Console(PrintWriter out) {
            this.out = out;
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void start(InboundSink sink) {
            // Lines are read by the chat command itself and handed to the gateway directly.
        }

        @Override
        public boolean supportsStreaming() {
            return true;
        }

        @Override
        public synchronized void send(OutboundMessage message) {
            String text = message.text();
            // A partial holds all text so far: print only what is new. A final reply that does not
            // continue what was shown (a stage rewrote it) starts on a line of its own.
            if (shown > 0 && !(text.length() >= shown)) {
                out.println();
                shown = 0;
            }
            out.print(text.substring(Math.min(shown, text.length())));
            if (message.partial()) {
                shown = text.length();
            } else {
                out.println();
                shown = 0;
            }
            out.flush();
        }

        @Override
        public void stop() {
            out.flush();
        }
    }
}
