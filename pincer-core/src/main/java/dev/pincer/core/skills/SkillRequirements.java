package dev.pincer.core.skills;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Says what a skill needs to be eligible, read from its front matter's {@code metadata.openclaw}
 * (or the legacy {@code metadata.clawdbot} when that is absent) and {@code metadata.pincer}: the
 * two sections add up.
 *
 * <p>The keys follow OpenClaw: {@code requires.bins} (each on {@code PATH}), {@code
 * requires.anyBins} (at least one on {@code PATH}), {@code requires.env} (each set and not blank),
 * {@code requires.config} (OpenClaw config paths; Pincer does not read OpenClaw's config, so such a
 * skill is not eligible), {@code os} (one must match; {@code always} does not override it) and
 * {@code always} (skip every {@code requires} check). Immutable.
 *
 * @param bins binaries that must all be on {@code PATH}
 * @param anyBins groups of binaries of which at least one per group must be on {@code PATH}
 * @param env environment variables that must all be set
 * @param config OpenClaw config paths the skill needs truthy
 * @param os the operating systems the skill runs on; empty for any
 * @param always whether the {@code requires} checks are skipped
 * @since 0.1.0
 */
public record SkillRequirements(
        List<String> bins,
        List<List<String>> anyBins,
        List<String> env,
        List<String> config,
        List<String> os,
        boolean always) {

    /** Requires nothing. */
    public static final SkillRequirements NONE =
            new SkillRequirements(List.of(), List.of(), List.of(), List.of(), List.of(), false);

    public SkillRequirements {
        bins = List.copyOf(bins);
        anyBins = anyBins.stream().map(List::copyOf).toList();
        env = List.copyOf(env);
        config = List.copyOf(config);
        os = List.copyOf(os);
    }

    /**
     * Reads the requirements of a skill's {@code metadata} object.
     *
     * @param metadata the front matter's {@code metadata}, an object (or missing)
     * @param problems told, in a sentence, about each value of the wrong type (which is ignored)
     */
    static SkillRequirements read(JsonNode metadata, Consumer<String> problems) {
        List<JsonNode> sections = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (metadata.path("openclaw").isObject()) {
            sections.add(metadata.path("openclaw"));
            names.add("metadata.openclaw");
        } else if (metadata.path("clawdbot").isObject()) {
            sections.add(metadata.path("clawdbot"));
            names.add("metadata.clawdbot");
        }
        if (metadata.path("pincer").isObject()) {
            sections.add(metadata.path("pincer"));
            names.add("metadata.pincer");
        }
        Set<String> bins = new LinkedHashSet<>();
        List<List<String>> anyBins = new ArrayList<>();
        Set<String> env = new LinkedHashSet<>();
        Set<String> config = new LinkedHashSet<>();
        Set<String> os = new LinkedHashSet<>();
        boolean always = false;
        for (int i = 0; i < sections.size(); i++) {
            JsonNode section = sections.get(i);
            String where = names.get(i);
            JsonNode requires = section.path("requires");
            bins.addAll(strings(requires.path("bins"), where + ".requires.bins", problems));
            List<String> any = strings(requires.path("anyBins"), where + ".requires.anyBins", problems);
            if (!any.isEmpty()) {
                anyBins.add(any);
            }
            env.addAll(strings(requires.path("env"), where + ".requires.env", problems));
            config.addAll(strings(requires.path("config"), where + ".requires.config", problems));
            strings(section.path("os"), where + ".os", problems).stream()
                    .map(SkillFacts::normaliseOs)
                    .forEach(os::add);
            JsonNode flag = section.path("always");
            if (flag.isBoolean()) {
                always |= flag.asBoolean();
            } else if (!flag.isMissingNode() && !flag.isNull()) {
                problems.accept(where + ".always must be true or false, but was " + flag);
            }
        }
        return new SkillRequirements(
                List.copyOf(bins), anyBins, List.copyOf(env), List.copyOf(config), List.copyOf(os), always);
    }

    /**
     * Returns why a skill with these requirements cannot be used on a machine with {@code facts},
     * one sentence per unmet requirement; empty when it can.
     */
    public List<String> unmet(SkillFacts facts) {
        List<String> reasons = new ArrayList<>();
        if (!os.isEmpty() && !os.contains(facts.os())) {
            reasons.add("runs only on " + String.join(", ", os) + ", not on " + facts.os());
        }
        if (always) {
            return List.copyOf(reasons);
        }
        bins.stream().filter(b -> !facts.onPath(b)).forEach(b -> reasons.add("needs binary '" + b + "' on PATH"));
        for (List<String> group : anyBins) {
            if (group.stream().noneMatch(facts::onPath)) {
                reasons.add("needs one of the binaries "
                        + group.stream().map(b -> "'" + b + "'").collect(Collectors.joining(", ")) + " on PATH");
            }
        }
        env.stream()
                .filter(e -> !facts.hasEnv(e))
                .forEach(e -> reasons.add("needs environment variable '" + e + "' set"));
        config.forEach(c -> reasons.add("needs OpenClaw setting '" + c + "', which Pincer does not read"));
        return List.copyOf(reasons);
    }

    /** Returns whether nothing is required. */
    public boolean isEmpty() {
        return bins.isEmpty() && anyBins.isEmpty() && env.isEmpty() && config.isEmpty() && os.isEmpty() && !always;
    }

    private static List<String> strings(JsonNode node, String where, Consumer<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isString()) {
            return node.asString().isBlank()
                    ? List.of()
                    : List.of(node.asString().strip());
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isString() && !item.asString().isBlank()) {
                    values.add(item.asString().strip());
                } else {
                    problems.accept(where + " must list names as strings, but holds " + item);
                }
            }
            return values;
        }
        problems.accept(where + " must be a list of names, but was " + node);
        return List.of();
    }
}
