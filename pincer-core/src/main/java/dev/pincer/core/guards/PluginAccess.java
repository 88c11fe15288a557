package dev.pincer.core.guards;

import dev.pincer.api.access.EnvAccess;
import dev.pincer.api.access.FileAccess;
import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.ProcessAccess;
import java.util.Objects;

/**
 * The guarded host services of one plugin, each holding it to its {@link
 * dev.pincer.core.permissions.Grant} and auditing every use.
 *
 * @since 0.1.0
 */
public record PluginAccess(HttpAccess http, FileAccess files, EnvAccess env, ProcessAccess processes) {

    public PluginAccess {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(processes, "processes");
    }
}
