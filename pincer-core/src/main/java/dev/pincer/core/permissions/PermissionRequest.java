package dev.pincer.core.permissions;

import dev.pincer.core.config.PincerConfig;
import dev.pincer.core.config.PluginSettings;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Holds what a plugin asks for once the {@code ${config.<key>}} placeholders in its manifest's
 * permissions are replaced from its effective settings, or why they cannot be.
 *
 * <p>A {@code network} placeholder becomes the host of the URL in its setting ({@code
 * https://api.example.com/v1} gives {@code api.example.com}; {@code http://127.0.0.1:11434/v1}
 * gives {@code 127.0.0.1:11434}), or the {@code host[:port]} the setting holds. It never becomes a
 * wildcard or more than the one host the value names: {@code *}, user information, the
 * unspecified address and anything that is not a URL or a host are refused. An {@code env}
 * placeholder becomes the variable name in its setting; an empty or unset setting asks for
 * nothing. This resolved request is what a person approves, what is compared with earlier
 * approvals, and what the running plugin is granted.
 *
 * <p>Immutable.
 *
 * @param permissions the request with every placeholder replaced, or {@code null} when one could
 *     not be
 * @param diagnostics one error per placeholder that could not be replaced, naming the setting,
 *     its value, where it was set and the forms expected
 * @since 0.1.0
 */
public record PermissionRequest(Permissions permissions, List<Diagnostic> diagnostics) {

    public PermissionRequest {
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Returns the request of {@code manifest}'s plugin with its placeholders replaced from {@code
     * settings}, its effective settings ({@code PluginSettings.Result.settings()}); {@code config}
     * says where each setting was written, for messages.
     */
    public static PermissionRequest resolve(PluginManifest manifest, JsonNode settings, PincerConfig config) {
        Permissions asked = manifest.permissions();
        if (!asked.hasPlaceholders()) {
            return new PermissionRequest(asked, List.of());
        }
        Lookup lookup = new Lookup(manifest.id(), settings, config.entry(manifest.id()));
        Set<String> network = new LinkedHashSet<>();
        for (String entry : asked.network()) {
            Optional<String> key = Permissions.configKey(entry);
            if (key.isEmpty()) {
                network.add(entry);
            } else {
                lookup.host(key.get()).ifPresent(network::add);
            }
        }
        Set<String> env = new LinkedHashSet<>();
        for (String entry : asked.env()) {
            Optional<String> key = Permissions.configKey(entry);
            if (key.isEmpty()) {
                env.add(entry);
            } else {
                lookup.envName(key.get()).ifPresent(env::add);
            }
        }
        if (!lookup.problems.isEmpty()) {
            return new PermissionRequest(null, lookup.problems);
        }
        return new PermissionRequest(
                new Permissions(List.copyOf(network), asked.filesystem(), List.copyOf(env), asked.shell()), List.of());
    }

    /**
     * Returns the request of {@code manifest}'s plugin under {@code config}, working out its
     * effective settings first (with {@code env} for {@code ${NAME}} references); used where no
     * catalog computed them, such as for a disabled plugin. When the settings are invalid, their
     * errors are the diagnostics.
     */
    public static PermissionRequest of(PluginManifest manifest, PincerConfig config, Map<String, String> env) {
        if (!manifest.permissions().hasPlaceholders()) {
            return new PermissionRequest(manifest.permissions(), List.of());
        }
        PluginSettings.Result settings = PluginSettings.resolve(manifest, config, env);
        if (settings.failure() != null) {
            return new PermissionRequest(
                    null,
                    settings.diagnostics().stream().filter(Diagnostic::isError).toList());
        }
        return resolve(manifest, settings.settings(), config);
    }

    /** Returns the first error's message, or {@code null} when every placeholder was replaced. */
    public String failure() {
        return diagnostics.stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::message)
                .findFirst()
                .orElse(null);
    }

    /** Reads settings for one plugin and collects what is wrong with them. */
    private static final class Lookup {

        private final String id;
        private final JsonNode settings;
        private final PincerConfig.Entry entry;
        private final List<Diagnostic> problems = new ArrayList<>();

        Lookup(String id, JsonNode settings, Optional<PincerConfig.Entry> entry) {
            this.id = id;
            this.settings = settings;
            this.entry = entry.orElse(null);
        }

        Optional<String> host(String key) {
            JsonNode value = settings == null ? null : settings.get(key);
            if (value == null || value.isNull()) {
                problem(
                        key,
                        "is not set, but permissions.network takes a host from it",
                        "; expected " + PlaceholderValues.NETWORK_FORMS);
                return Optional.empty();
            }
            try {
                return Optional.of(PlaceholderValues.networkGrant(value.asString()));
            } catch (PlaceholderValues.Refused refused) {
                problem(
                        key,
                        "is '" + PlaceholderValues.quote(value.asString()) + "'" + origin(key)
                                + ", which permissions.network cannot take a host from: " + refused.getMessage(),
                        "; expected " + PlaceholderValues.NETWORK_FORMS);
                return Optional.empty();
            }
        }

        Optional<String> envName(String key) {
            JsonNode value = settings == null ? null : settings.get(key);
            if (value == null || value.isNull() || value.asString().isEmpty()) {
                return Optional.empty();
            }
            String name = value.asString();
            if (PlaceholderValues.isEnvName(name)) {
                return Optional.of(name);
            }
            problem(
                    key,
                    "is '" + PlaceholderValues.quote(name) + "'" + origin(key)
                            + ", which permissions.env cannot take an environment variable name from",
                    "; expected " + PlaceholderValues.ENV_FORMS);
            return Optional.empty();
        }

        /** Returns where {@code key} was set, as {@code " (set in FILE)"}, or says it is the default. */
        private String origin(String key) {
            return setByUser(key)
                    ? " (set in " + entry.configOrigin() + ")"
                    : " (the default in the plugin's manifest)";
        }

        private boolean setByUser(String key) {
            return entry != null && entry.config() != null && entry.config().has(key);
        }

        private void problem(String key, String what, String expected) {
            Path file = setByUser(key) ? entry.configOrigin() : null;
            String table = "[plugins.entries." + id + ".config]";
            problems.add(Diagnostic.error(
                    "permissions.placeholder",
                    id,
                    file,
                    "setting '" + key + "' of '" + id + "' " + what + expected,
                    "set " + key + " in " + table + (file == null ? "" : " of " + file)
                            + " to such a value; the plugin's permissions are taken from it"));
        }
    }
}
