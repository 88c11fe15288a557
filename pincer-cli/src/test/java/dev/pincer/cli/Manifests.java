package dev.pincer.cli;

import java.util.Map;
import java.util.stream.Collectors;

/** Writes plugin manifests as JSON text. */
final class Manifests {

    private Manifests() {}

    /** Returns the smallest valid manifest. */
    static String minimal(String id, String version) {
        return with(id, version, "");
    }

    /** Returns a valid JVM manifest with {@code extraMembers} (JSON object members) added. */
    static String with(String id, String version, String extraMembers) {
        return "{\"id\":\"" + id + "\",\"version\":\"" + version + "\",\"runtime\":{\"type\":\"jvm\"}"
                + (extraMembers.isEmpty() ? "" : "," + extraMembers) + "}";
    }

    /** Returns a manifest that depends on {@code dependencies} (id to semver range). */
    static String dependingOn(String id, String version, Map<String, String> dependencies) {
        return with(
                id,
                version,
                "\"dependencies\":{"
                        + dependencies.entrySet().stream()
                                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                                .collect(Collectors.joining(","))
                        + "}");
    }
}
