package dev.pincer.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Holds the effective plugin configuration, merged from the home {@code config.toml} and the
 * workspace {@code pincer.toml}, with the file each setting came from.
 *
 * <p>Immutable. Merge rules: deny lists are joined; when both files have an allowlist only ids on
 * both are allowed (a workspace cannot widen the home allowlist); paths from both files are
 * roots; for entries and slots the workspace wins key by key; policy is only tightened by the
 * workspace, and network settings come from the home file alone.
 *
 * @param allow the allowlist, or {@code null} when none is set
 * @param allowOrigins the files that set an allowlist
 * @param deny denied ids, each with the file that denies it
 * @param paths extra plugin roots, in precedence order
 * @param entries per-plugin settings
 * @param slots exclusive slot assignments
 * @param policy the tool-call policy; a workspace can only have tightened it
 * @param network network settings, from the home file only
 * @param sandbox limits for sandboxed plugins, from the home file only
 * @param gateway where {@code pincer gateway} listens, from the home file only
 * @param reload how a running Pincer follows changes on disk, from the home file only
 * @param skills trusted workspaces and skill proposals, from the home file only
 * @param agent the provider, model and limits of agent turns, from the home file only
 * @param indexes the plugin indexes {@code pincer plugins search} and {@code install} consult (files,
 *     absolute or relative to the home file, or {@code http(s)} URLs), from the home file only
 * @param audit how long audit records are kept, from the home file only
 * @since 0.1.0
 */
public record PincerConfig(
        List<String> allow,
        List<Path> allowOrigins,
        Map<String, Path> deny,
        List<ConfiguredPath> paths,
        Map<String, Entry> entries,
        Map<String, Slot> slots,
        PolicySettings policy,
        NetworkSettings network,
        SandboxSettings sandbox,
        GatewaySettings gateway,
        ReloadSettings reload,
        SkillSettings skills,
        AgentSettings agent,
        List<String> indexes,
        AuditSettings audit) {

    public PincerConfig {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(reload, "reload");
        Objects.requireNonNull(skills, "skills");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(sandbox, "sandbox");
        allow = allow == null ? null : List.copyOf(allow);
        allowOrigins = List.copyOf(allowOrigins);
        deny = Collections.unmodifiableMap(new TreeMap<>(deny));
        paths = List.copyOf(paths);
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        indexes = List.copyOf(indexes);
    }

    /** Returns a configuration with nothing set. */
    public static PincerConfig empty() {
        return new PincerConfig(
                null,
                List.of(),
                Map.of(),
                List.of(),
                Map.of(),
                Map.of(),
                PolicySettings.defaults(),
                NetworkSettings.defaults(),
                SandboxSettings.defaults(),
                GatewaySettings.defaults(),
                ReloadSettings.defaults(),
                SkillSettings.defaults(),
                AgentSettings.defaults(),
                List.of(),
                AuditSettings.defaults());
    }

    /** Returns the settings for {@code pluginId}, if any file has some. */
    public Optional<Entry> entry(String pluginId) {
        return Optional.ofNullable(entries.get(pluginId));
    }

    /**
     * Holds one plugin's settings.
     *
     * @param enabled {@code true}/{@code false} when set, {@code null} otherwise
     * @param enabledOrigin the file that set {@code enabled}, or {@code null}
     * @param config the plugin's settings before interpolation, or {@code null} when none
     * @param configOrigin the file the settings came from, or {@code null}
     * @param hookTimeout how long each of the plugin's hook handlers may take, or {@code null} for
     *     the host default
     */
    public record Entry(
            Boolean enabled, Path enabledOrigin, JsonNode config, Path configOrigin, java.time.Duration hookTimeout) {
        public Entry {
            config = config == null ? null : config.deepCopy();
        }
    }

    /**
     * Holds an exclusive slot assignment.
     *
     * @param pluginId the plugin that fills the slot
     * @param origin the file that assigns it
     */
    public record Slot(String pluginId, Path origin) {
        public Slot {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(origin, "origin");
        }
    }
}
