package dev.pincer.core.skills;

import dev.pincer.api.SkillSpec;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.config.SkillSettings;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.RegistrySnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds every skill and decides which copy of each name is in effect.
 *
 * <p>Roots, highest precedence first: the workspace's {@code .pincer/skills}, then its {@code
 * skills/} (both only when the workspace is listed in the home config's {@code [skills]
 * trusted_workspaces}; otherwise an info finding says how to trust it), {@code
 * $PINCER_HOME/skills}, the skills active plugins registered, and the bundled skills in the {@code
 * skills} folder beside the bundled plugins. A copy from a higher root shadows one of the same name
 * from a lower root, reported as an info finding naming both paths; two copies in one root are a
 * warning and the first folder by name wins. Skills whose requirements this machine does not meet
 * stay in the set, marked with why.
 *
 * <p>Thread-safe: every {@link #load} reads the disk afresh and shares nothing.
 *
 * @since 0.1.0
 */
public final class SkillLibrary {

    private final HostLayout layout;
    private final SkillSettings settings;
    private final SkillFacts facts;
    private final SkillLimits limits;

    /**
     * Creates a library over the roots of {@code layout}.
     *
     * @param settings which workspaces are trusted
     * @param facts what this machine offers, for gating
     * @param limits how much of a skill is read
     */
    public SkillLibrary(HostLayout layout, SkillSettings settings, SkillFacts facts, SkillLimits limits) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Returns the bundled skills folder: {@code skills} beside the bundled plugins folder, if there is one. */
    public static Optional<Path> bundledSkills(HostLayout layout) {
        return layout.bundled().map(plugins -> plugins.resolveSibling("skills"));
    }

    /** Returns the limits skills are read with. */
    public SkillLimits limits() {
        return limits;
    }

    /** Returns the folder roots, highest precedence first (plugin skills rank between home and bundled). */
    public List<SkillRoot> roots() {
        boolean trusted = settings.trusts(layout.workspace());
        List<SkillRoot> roots = new ArrayList<>();
        roots.add(new SkillRoot(
                SkillSource.WORKSPACE, layout.workspace().resolve(".pincer").resolve("skills"), trusted));
        roots.add(new SkillRoot(SkillSource.WORKSPACE, layout.workspace().resolve("skills"), trusted));
        roots.add(new SkillRoot(SkillSource.HOME, layout.home().resolve("skills"), true));
        bundledSkills(layout).ifPresent(p -> roots.add(new SkillRoot(SkillSource.BUNDLED, p, true)));
        List<SkillRoot> distinct = new ArrayList<>();
        for (SkillRoot root : roots) {
            if (distinct.stream().noneMatch(r -> r.path().equals(root.path()))) {
                distinct.add(root);
            }
        }
        return List.copyOf(distinct);
    }

    /** Returns the effective skills of the roots alone, with no plugin skills. */
    public SkillSet load() {
        return load(List.of(), List.of());
    }

    /**
     * Returns the effective skills of the roots and of the {@code SKILL} entries in {@code registry}.
     *
     * @param extra findings to add, such as those of the skills runtime about skills it could not load
     */
    public SkillSet load(RegistrySnapshot registry, List<Diagnostic> extra) {
        return load(registry.all(CapabilityKind.SKILL), extra);
    }

    private SkillSet load(List<Capability> pluginSkills, List<Diagnostic> extra) {
        List<Diagnostic> findings = new ArrayList<>(extra);
        List<Skill> ranked = new ArrayList<>();
        List<SkillRoot> roots = roots();
        for (SkillRoot root : roots) {
            if (root.source() == SkillSource.BUNDLED) {
                ranked.addAll(fromPlugins(pluginSkills, findings));
            }
            if (root.loaded()) {
                ranked.addAll(SkillScanner.readRoot(root.path(), root.source(), null, limits, findings));
            } else {
                untrusted(root, findings);
            }
        }
        if (roots.stream().noneMatch(r -> r.source() == SkillSource.BUNDLED)) {
            ranked.addAll(fromPlugins(pluginSkills, findings));
        }
        return new SkillSet(roots, rank(ranked, findings), findings);
    }

    private List<EffectiveSkill> rank(List<Skill> ranked, List<Diagnostic> findings) {
        Map<String, List<Skill>> byName = new LinkedHashMap<>();
        for (Skill skill : ranked) {
            List<Skill> copies = byName.computeIfAbsent(skill.name(), n -> new ArrayList<>());
            if (!copies.isEmpty()) {
                findings.add(shadowing(copies.get(0), skill));
            }
            copies.add(skill);
        }
        return byName.values().stream()
                .map(copies -> new EffectiveSkill(
                        copies.get(0),
                        copies.get(0).document().requirements().unmet(facts),
                        copies.subList(1, copies.size())))
                .sorted(Comparator.comparing(EffectiveSkill::name))
                .toList();
    }

    private static Diagnostic shadowing(Skill winner, Skill loser) {
        if (winner.source() == loser.source()
                && winner.folder() != null
                && loser.folder() != null
                && Objects.equals(winner.folder().getParent(), loser.folder().getParent())) {
            return Diagnostic.warning(
                    "skill.duplicate",
                    loser.pluginId(),
                    loser.folder(),
                    "skill '" + winner.name() + "' is defined twice in "
                            + winner.folder().getParent() + ": " + winner.folder() + " is used, " + loser.folder()
                            + " is not",
                    "rename or remove one of them");
        }
        return Diagnostic.info(
                "skill.shadowed",
                loser.pluginId(),
                loser.folder(),
                "skill '" + winner.name() + "' from " + winner.origin() + " (" + winner.where()
                        + ") shadows the copy from " + loser.origin() + " (" + loser.where() + ")",
                null);
    }

    private List<Skill> fromPlugins(List<Capability> entries, List<Diagnostic> findings) {
        List<Skill> skills = new ArrayList<>();
        entries.stream()
                .sorted(Comparator.comparing(Capability::owner).thenComparing(Capability::name))
                .forEach(entry -> fromPlugin(entry, findings).ifPresent(skills::add));
        return skills;
    }

    private Optional<Skill> fromPlugin(Capability entry, List<Diagnostic> findings) {
        SkillSpec spec = entry.valueAs(SkillSpec.class);
        String owner = entry.owner();
        if (spec.location() == null) {
            return Optional.of(new Skill(
                    SkillDocument.inline(spec.name(), spec.description(), spec.body(), spec.userInvocable()),
                    SkillSource.PLUGIN,
                    null,
                    owner,
                    List.of(),
                    List.of()));
        }
        return SkillScanner.readSkill(spec.location(), SkillSource.PLUGIN, owner, limits, findings)
                .map(skill -> {
                    boolean invocable = spec.userInvocable() && skill.document().userInvocable();
                    if (skill.name().equals(spec.name())) {
                        return invocable == skill.document().userInvocable()
                                ? skill
                                : withDocument(skill, skill.document().as(spec.name(), invocable), List.of());
                    }
                    Diagnostic renamed = Diagnostic.warning(
                            "skill.name-mismatch",
                            owner,
                            spec.location().resolve(SkillScanner.SKILL_FILE),
                            "plugin '" + owner + "' registered skill '" + spec.name() + "', whose SKILL.md calls it '"
                                    + skill.name() + "'; it is offered as '" + spec.name() + "'",
                            "use the same name in the plugin and in SKILL.md");
                    findings.add(renamed);
                    return withDocument(skill, skill.document().as(spec.name(), invocable), List.of(renamed));
                });
    }

    private static Skill withDocument(Skill skill, SkillDocument document, List<Diagnostic> more) {
        List<Diagnostic> all = new ArrayList<>(skill.diagnostics());
        all.addAll(more);
        return new Skill(document, skill.source(), skill.folder(), skill.pluginId(), skill.files(), all);
    }

    private void untrusted(SkillRoot root, List<Diagnostic> findings) {
        List<Path> folders = SkillScanner.skillFolders(root.path(), null, limits, new ArrayList<>());
        if (folders.isEmpty()) {
            return;
        }
        findings.add(Diagnostic.info(
                "skill.untrusted-workspace",
                null,
                root.path(),
                root.path() + " holds " + folders.size() + (folders.size() == 1 ? " skill" : " skills")
                        + ", which are not loaded because workspace " + layout.workspace() + " is not trusted",
                "to load them, add \"" + layout.workspace() + "\" to trusted_workspaces under [skills] in "
                        + layout.homeConfig()));
    }
}
