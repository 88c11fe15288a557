package dev.pincer.cli;

import dev.pincer.core.PincerVersion;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.config.ConfigEditor;
import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.permissions.ApprovalBook;
import dev.pincer.core.permissions.Approvals;
import dev.pincer.core.store.Store;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code pincer} command: global options, and the host that subcommands share.
 *
 * <p>Not thread-safe: one instance per command-line run.
 *
 * @since 0.1.0
 */
@Command(
        name = "pincer",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = "A plugin host for AI-agent gateways.",
        subcommands = {
            PluginsCommand.class,
            ToolsCommand.class,
            SkillsCommand.class,
            AuditCommand.class,
            McpCommand.class,
            GatewayCommand.class,
            ChatCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit status: 0 success, 1 failure or problems found, 2 usage error."})
public final class PincerCommand implements AutoCloseable {

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description =
                    "Pincer's home folder (config.toml, plugins, pincer.db). Default: $PINCER_HOME, else ~/.pincer.")
    Path home;

    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description =
                    "The workspace (its .pincer/plugins and pincer.toml are used). Default: the current directory.")
    Path workspace;

    private final Supplier<HostServices> services;
    private final Main.Environment environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private PluginCatalog catalog;
    private Store store;
    private AuditLog auditLog;
    private boolean storeTrouble;

    PincerCommand(
            Supplier<HostServices> services,
            Main.Environment environment,
            BufferedReader in,
            PrintWriter out,
            PrintWriter err) {
        this.services = services;
        this.environment = environment;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Returns a configured command line for one run of {@code top}. */
    static CommandLine commandLine(PincerCommand top) {
        PrintWriter out = top.out;
        PrintWriter err = top.err;
        CommandLine line = new CommandLine(top);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> top.report(e));
        return line;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Returns standard input, where questions to the person are answered. */
    BufferedReader in() {
        return in;
    }

    /** Returns the process environment. */
    Map<String, String> env() {
        return environment.env();
    }

    /** Returns the directory the command runs in, against which relative paths are resolved. */
    Path workingDirectory() {
        return environment.workingDirectory();
    }

    /** Returns who runs this command, for approvals and the audit log: the operating-system user. */
    String user() {
        String user = environment.env().getOrDefault("USER", environment.env().get("LOGNAME"));
        return user == null || user.isBlank() ? "unknown user" : user;
    }

    /** Returns where things live for this run. */
    HostLayout layout() {
        Path homeDir = home;
        if (homeDir == null) {
            String pincerHome = environment.env().get("PINCER_HOME");
            String userHome = environment.env().get("HOME");
            if (pincerHome != null && !pincerHome.isBlank()) {
                homeDir = Path.of(pincerHome);
            } else if (userHome != null && !userHome.isBlank()) {
                homeDir = Path.of(userHome, ".pincer");
            } else {
                throw new PincerException(
                        "cli.no-home",
                        null,
                        null,
                        "cannot tell where Pincer's home folder is: neither PINCER_HOME nor HOME is set",
                        "set PINCER_HOME, or pass --home DIR");
            }
        }
        Path resolvedHome = environment.workingDirectory().resolve(homeDir);
        Path resolvedWorkspace = workspace == null
                ? environment.workingDirectory()
                : environment.workingDirectory().resolve(workspace);
        return new HostLayout(resolvedHome, resolvedWorkspace, environment.bundledPlugins(), environment.env());
    }

    /** Returns a fresh catalog of everything installed. */
    Catalog scan() {
        return catalogs().scan(layout(), approvals());
    }

    /** Returns a fresh catalog of everything installed, under {@code config} instead of the files as they are. */
    Catalog scan(ConfigLoadResult config) {
        return catalogs().scan(layout(), approvals(), config);
    }

    /** Returns the shared catalog builder. */
    PluginCatalog catalogs() {
        if (catalog == null) {
            HostServices host = services.get();
            catalog = new PluginCatalog(host.configLoader(), host.reader(), host.hostVersion());
        }
        return catalog;
    }

    /** Returns the manifest reader, config loader and version of this build. */
    HostServices services() {
        return services.get();
    }

    /** Returns the path of the embedded store. */
    Path storeFile() {
        return layout().home().resolve("pincer.db");
    }

    /**
     * Returns the approvals on record. Without a store yet, that is none; when the store cannot
     * be read, the error is printed once and no approval counts (plugins that ask for permissions
     * wait), so a broken store never grants anything.
     */
    ApprovalBook approvals() {
        if (!Files.exists(storeFile()) && store == null) {
            return ApprovalBook.EMPTY;
        }
        try {
            return new Approvals(store(), Clock.systemUTC());
        } catch (PincerException e) {
            if (!storeTrouble) {
                storeTrouble = true;
                err.println("error: " + e.getMessage());
                if (e.hint() != null) {
                    err.println("  hint: " + e.hint());
                }
                err.println("  until then, no plugin that asks for permissions is activated");
            }
            return ApprovalBook.EMPTY;
        }
    }

    /** Returns the embedded store, creating it (and the home folder) when missing. */
    Store store() {
        if (store == null) {
            store = Store.open(storeFile());
        }
        return store;
    }

    /** Returns the audit log over the store; records are committed at the latest when the run ends. */
    AuditLog auditLog() {
        if (auditLog == null) {
            auditLog = new AuditLog(store(), problem -> err.println("warning: audit log: " + problem));
        }
        return auditLog;
    }

    /** Flushes the audit log and closes the store. */
    @Override
    public void close() {
        try {
            if (auditLog != null) {
                auditLog.close();
            }
        } finally {
            try {
                if (store != null) {
                    store.close();
                }
            } finally {
                closed.countDown();
            }
        }
    }

    /**
     * Waits until {@link #close} has flushed the audit log and closed the store, at most {@code
     * limit}; for a shutdown hook, which must not let the JVM halt before that.
     *
     * @return whether it was closed in time
     */
    boolean awaitClosed(java.time.Duration limit) throws InterruptedException {
        return closed.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Returns an editor for the home config. */
    ConfigEditor configEditor() {
        return new ConfigEditor(services.get().configLoader());
    }

    private int report(Exception e) {
        if (e instanceof PincerException pe) {
            err.println("error: " + pe.getMessage());
            if (pe.hint() != null) {
                err.println("  hint: " + pe.hint());
            }
            return 1;
        }
        err.println("internal error: " + e);
        e.printStackTrace(err);
        err.println("This is a bug in Pincer; please report it with the lines above.");
        return 70;
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pincer " + PincerVersion.current()};
        }
    }
}
