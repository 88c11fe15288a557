package dev.pincer.wasm.wasi;

import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.guards.PluginAccess;
import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.permissions.Grant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Real guards with a recording audit sink, and a {@link GuardedWasi} on top of them for a grant. */
final class Sandbox implements AutoCloseable {

    static final Instant NOW = Instant.parse("2030-01-02T03:04:05.123456789Z");
    static final String PLUGIN = "wasi-test";

    final RecordingAudit audit = new RecordingAudit();
    final List<String> stdout = new ArrayList<>();
    final List<String> stderr = new ArrayList<>();
    private final Guards guards;
    private final Path data;

    Sandbox(Path data, Map<String, String> environment) {
        this.data = data;
        this.guards = Guards.create(GuardSettings.defaults(), audit, environment);
    }

    Sandbox(Path data) {
        this(data, Map.of());
    }

    GuardedWasi wasi(Grant grant) {
        PluginAccess access = guards.forPlugin(PLUGIN, grant, data);
        return new GuardedWasi(
                access.files(), access.env(), stdout::add, stderr::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    GuardedWasi wasi(Grant.FileRoot... roots) {
        return wasi(files(roots));
    }

    /** Returns WASI whose open files may hold at most {@code maxFileBytes}. */
    GuardedWasi wasi(long maxFileBytes, Grant.FileRoot... roots) {
        PluginAccess access = guards.forPlugin(PLUGIN, files(roots), data);
        return new GuardedWasi(
                access.files(), access.env(), stdout::add, stderr::add, Clock.fixed(NOW, ZoneOffset.UTC), maxFileBytes);
    }

    private static Grant files(Grant.FileRoot... roots) {
        return new Grant(List.of(), Arrays.asList(roots), Set.of(), false);
    }

    static Grant.FileRoot read(Path root) {
        return new Grant.FileRoot(root, Access.READ);
    }

    static Grant.FileRoot readWrite(Path root) {
        return new Grant.FileRoot(root, Access.READ_WRITE);
    }

    @Override
    public void close() {
        guards.close();
    }
}
