package dev.pincer.core.permissions;

import dev.pincer.core.manifest.Permissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes permissions as a person reads them, one line per kind.
 *
 * <p>Stateless.
 *
 * @since 0.1.0
 */
public final class PermissionText {

    private PermissionText() {}

    /** Returns lines such as {@code network: api.example.com}; empty when nothing is asked for. */
    public static List<String> lines(Permissions permissions) {
        List<String> lines = new ArrayList<>();
        if (!permissions.network().isEmpty()) {
            lines.add("network: " + String.join(", ", permissions.network()));
        }
        if (!permissions.filesystem().isEmpty()) {
            lines.add("files: "
                    + permissions.filesystem().stream()
                            .map(f -> f.path() + " (" + f.mode().label() + ")")
                            .collect(Collectors.joining(", ")));
        }
        if (!permissions.env().isEmpty()) {
            lines.add("env: " + String.join(", ", permissions.env()));
        }
        if (permissions.shell()) {
            lines.add("shell: may run programs");
        }
        return List.copyOf(lines);
    }

    /** Returns the lines joined with {@code "; "}, or {@code "nothing"}. */
    public static String summary(Permissions permissions) {
        List<String> lines = lines(permissions);
        return lines.isEmpty() ? "nothing" : String.join("; ", lines);
    }
}
