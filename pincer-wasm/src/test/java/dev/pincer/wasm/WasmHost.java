package dev.pincer.wasm;

import dev.pincer.api.tool.Content;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.config.SandboxSettings;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.host.HostSecurity;
import dev.pincer.core.host.HostSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.host.ToolRequest;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.ApprovalBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A real host with the wasm runtime over plugin folders in a temporary home, recording every audit
 * event, for the tests of this module.
 */
final class WasmHost implements AutoCloseable {

    final Path home;
    final Path workspace;
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final WasmRuntime runtime;
    final PluginHost host;
    Catalog catalog;

    WasmHost(Path dir, SandboxSettings sandbox, GuardSettings guards, Map<String, String> env) {
        this.home = dir.resolve("home");
        this.workspace = dir.resolve("work");
        try {
            Files.createDirectories(home.resolve("plugins"));
            Files.createDirectories(workspace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AuditSink sink = audit::add;
        this.runtime = new WasmRuntime(sandbox);
        HostSecurity security = new HostSecurity(
                sink,
                since -> java.math.BigDecimal.ZERO,
                Guards.create(guards, sink, env),
                dir.resolve("user"),
                workspace);
        this.host = new PluginHost(
                HostSettings.defaults(dir.resolve("data")), Clock.systemUTC(), security, List.of(runtime));
    }

    WasmHost(Path dir) {
        this(dir, SandboxSettings.defaults(), GuardSettings.defaults(), Map.of());
    }

    /** Copies a folder of {@code examples/} into the home's plugins as {@code id}. */
    Path example(String folder) {
        Path source = Path.of("..", "examples", folder).toAbsolutePath().normalize();
        Path target = home.resolve("plugins").resolve(folder);
        copy(source, target);
        return target;
    }

    /** Writes a plugin folder with {@code manifest} and the module {@code wasm} as plugin.wasm. */
    Path plugin(String id, String manifest, byte[] wasm) {
        Path folder = home.resolve("plugins").resolve(id);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("pincer-plugin.json"), manifest);
            if (wasm != null) {
                Files.write(folder.resolve("plugin.wasm"), wasm);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Scans the home and starts every plugin, with {@code approvals}. */
    WasmHost start(ApprovalBook approvals) {
        catalog = PluginCatalog.create(SemanticVersion.of("0.1.0"))
                .scan(new HostLayout(home, workspace, null, Map.of()), approvals);
        host.start(catalog);
        return this;
    }

    WasmHost start() {
        return start(ApprovalBook.EMPTY);
    }

    /** Returns a book in which a person approved {@code granted} for version 0.1.0 of {@code pluginId}. */
    static ApprovalBook approving(String pluginId, dev.pincer.core.manifest.Permissions granted) {
        dev.pincer.core.permissions.Approval approval = new dev.pincer.core.permissions.Approval(
                pluginId, "0.1.0", granted, java.time.Instant.parse("2026-01-01T00:00:00Z"), "tester");
        return new ApprovalBook() {
            @Override
            public java.util.Optional<dev.pincer.core.permissions.Approval> find(String id, String version) {
                return latest(id);
            }

            @Override
            public java.util.Optional<dev.pincer.core.permissions.Approval> latest(String id) {
                return id.equals(pluginId) ? java.util.Optional.of(approval) : java.util.Optional.empty();
            }
        };
    }

    Invocation call(String tool, Map<String, Object> arguments) {
        return host.tools().invoke(new ToolRequest(tool, arguments, "s", "test", false));
    }

    static String text(Invocation invocation) {
        if (invocation.result() == null) {
            return invocation.status().label() + ": " + invocation.message();
        }
        return invocation.result().content().stream()
                .map(c -> ((Content.Text) c).text())
                .reduce("", String::concat);
    }

    List<AuditEvent> audited(AuditEvent.Kind kind) {
        return audit.stream().filter(e -> e.kind() == kind).toList();
    }

    @Override
    public void close() {
        host.close();
        runtime.close();
    }

    private static void copy(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    if (!file.getFileName().toString().equals("node_modules")) {
                        Files.createDirectories(to);
                    }
                } else if (!file.toString().contains("node_modules")) {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
