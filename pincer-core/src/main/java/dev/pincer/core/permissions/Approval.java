package dev.pincer.core.permissions;

import dev.pincer.core.manifest.Permissions;
import java.time.Instant;
import java.util.Objects;

/**
 * A person's approval of a plugin version's permissions.
 *
 * <p>Immutable.
 *
 * @param pluginId the plugin
 * @param version the version approved
 * @param permissions what was granted
 * @param approvedAt when
 * @param approvedBy who, as the operating-system user name, or {@code --yes} when a script approved
 * @since 0.1.0
 */
public record Approval(
        String pluginId, String version, Permissions permissions, Instant approvedAt, String approvedBy) {

    public Approval {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(approvedBy, "approvedBy");
    }
}
