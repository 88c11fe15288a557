package dev.pincer.core.manifest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Lists what a plugin declares it contributes: the manifest's {@code provides} object.
 *
 * <p>Immutable. Pincer uses the declaration before any plugin code runs (for lazy activation,
 * listing and slots); what a plugin later registers must match it.
 *
 * @since 0.1.0
 */
public record Provides(
        List<Tool> tools,
        List<Command> commands,
        List<String> hooks,
        List<String> skills,
        List<String> services,
        List<String> channels,
        List<Stage> stages,
        List<String> providers,
        List<String> memory,
        List<String> resources,
        List<String> prompts) {

    public Provides {
        resources = List.copyOf(resources);
        prompts = List.copyOf(prompts);
        tools = List.copyOf(tools);
        commands = List.copyOf(commands);
        hooks = List.copyOf(hooks);
        skills = List.copyOf(skills);
        services = List.copyOf(services);
        channels = List.copyOf(channels);
        stages = List.copyOf(stages);
        providers = List.copyOf(providers);
        memory = List.copyOf(memory);
    }

    /** Returns a declaration of nothing. */
    public static Provides nothing() {
        return new Provides(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    /**
     * Returns the kinds of capability declared, in a fixed order, e.g. {@code [tools, hooks]}.
     */
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        addIf(kinds, "tools", tools);
        addIf(kinds, "commands", commands);
        addIf(kinds, "hooks", hooks);
        addIf(kinds, "skills", skills);
        addIf(kinds, "services", services);
        addIf(kinds, "channels", channels);
        addIf(kinds, "stages", stages);
        addIf(kinds, "providers", providers);
        addIf(kinds, "memory", memory);
        addIf(kinds, "resources", resources);
        addIf(kinds, "prompts", prompts);
        return List.copyOf(kinds);
    }

    private static void addIf(List<String> kinds, String kind, List<?> items) {
        if (!items.isEmpty()) {
            kinds.add(kind);
        }
    }

    /**
     * A declared tool.
     *
     * @param name the tool name, unique within the plugin
     * @param description what it does, or {@code null}
     * @param inputSchema the JSON Schema of its arguments, or {@code null} when not known before load
     * @param destructive whether policy should treat calls as destructive
     * @param cost the declared cost of one call, in the units of the host's {@code [policy]}
     *     limits, or {@code null} when not declared; never negative
     * @param examples example arguments, each an object valid against {@code inputSchema} (checked
     *     when the manifest is read); {@code pincer plugins test} calls the tool with each. Empty when
     *     none are given
     */
    public record Tool(
            String name,
            String description,
            JsonNode inputSchema,
            boolean destructive,
            BigDecimal cost,
            List<JsonNode> examples) {
        public Tool {
            Objects.requireNonNull(name, "name");
            if (cost != null && cost.signum() < 0) {
                throw new IllegalArgumentException("cost of tool '" + name + "' must not be negative, but was " + cost);
            }
            inputSchema = inputSchema == null ? null : inputSchema.deepCopy();
            examples = examples.stream().map(JsonNode::deepCopy).toList();
        }

        /**
         * Returns a tool without examples.
         *
         * @see #Tool(String, String, JsonNode, boolean, BigDecimal, List)
         */
        public Tool(String name, String description, JsonNode inputSchema, boolean destructive, BigDecimal cost) {
            this(name, description, inputSchema, destructive, cost, List.of());
        }

        @Override
        public List<JsonNode> examples() {
            return examples.stream().map(JsonNode::deepCopy).toList();
        }
    }

    /**
     * A declared slash command.
     *
     * @param name the command name without the slash
     * @param description what it does, or {@code null}
     * @param args a hint for its arguments, or {@code null}
     */
    public record Command(String name, String description, String args) {
        public Command {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A declared message pipeline stage.
     *
     * @param name the stage name
     * @param direction whether it sees inbound or outbound messages
     */
    public record Stage(String name, Direction direction) {
        public Stage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(direction, "direction");
        }
    }

    /** Which way a pipeline stage faces. */
    public enum Direction {
        INBOUND,
        OUTBOUND;

        /** Returns the word used in manifests, e.g. {@code "inbound"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
