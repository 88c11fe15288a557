package dev.pincer.core.skills;

import dev.pincer.api.Plugin;
import dev.pincer.api.PluginContext;
import dev.pincer.api.SkillSpec;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.RuntimeSpec;
import dev.pincer.core.manifest.RuntimeType;
import dev.pincer.core.runtime.LoadRequest;
import dev.pincer.core.runtime.LoadedCode;
import dev.pincer.core.runtime.PluginRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code skills} runtime: a content-only plugin whose activation registers each {@code
 * <path>/<skill>/SKILL.md} under the manifest's {@code runtime.paths} ({@code skills/} when none)
 * as a {@link SkillSpec}.
 *
 * <p>A skill that does not load (malformed front matter, too large, a link) is a finding, kept in
 * {@link #findings()} while the plugin is loaded, and the others load; the plugin fails only when
 * none of its skills loads, with the first errors in the message. A path that leaves the plugin's
 * folder fails the plugin. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SkillsRuntime implements PluginRuntime {

    private static final String DEFAULT_PATH = "skills";

    private final SkillLimits limits;
    private final Map<String, List<Diagnostic>> findings = new ConcurrentHashMap<>();

    /** Creates a runtime that reads skills within {@code limits}. */
    public SkillsRuntime(SkillLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public RuntimeType type() {
        return RuntimeType.SKILLS;
    }

    @Override
    public LoadedCode load(LoadRequest request) {
        PluginManifest manifest = request.manifest();
        if (!(manifest.runtime() instanceof RuntimeSpec.Skills spec)) {
            throw new IllegalArgumentException("plugin '" + manifest.id() + "' has a "
                    + manifest.runtime().type().label() + " runtime, not skills");
        }
        String id = manifest.id();
        Path folder = request.folder().toAbsolutePath().normalize();
        List<String> paths = spec.paths().isEmpty() ? List.of(DEFAULT_PATH) : spec.paths();
        List<Diagnostic> found = new ArrayList<>();
        List<SkillSpec> skills = new ArrayList<>();
        for (String path : paths) {
            Path root = folder.resolve(path).normalize();
            if (!root.startsWith(folder)) {
                throw new PincerException(
                        "skills.path",
                        id,
                        folder,
                        "plugin '" + id + "' lists skills path '" + path + "', which leaves the plugin's folder",
                        "list folders inside the plugin's folder in runtime.paths, such as \"skills\"");
            }
            for (Skill skill : SkillScanner.readRoot(root, SkillSource.PLUGIN, id, limits, found)) {
                SkillDocument d = skill.document();
                SkillSpec skillSpec = SkillSpec.at(d.name(), d.description(), skill.folder());
                skills.add(d.userInvocable() ? skillSpec : skillSpec.hiddenFromUser());
            }
        }
        if (skills.isEmpty()) {
            throw nothingLoaded(id, folder, paths, found);
        }
        findings.put(id, List.copyOf(found));
        List<SkillSpec> loaded = List.copyOf(skills);
        Plugin plugin = new Plugin() {
            @Override
            public void activate(PluginContext context) {
                loaded.forEach(context::registerSkill);
            }
        };
        return LoadedCode.of(id, plugin, SkillsRuntime.class.getClassLoader(), () -> findings.remove(id));
    }

    /** Returns the findings about skills that loaded plugins could not load, by plugin and then as found. */
    public List<Diagnostic> findings() {
        List<Diagnostic> all = new ArrayList<>();
        findings.keySet().stream().sorted().forEach(id -> all.addAll(findings.getOrDefault(id, List.of())));
        return List.copyOf(all);
    }

    private static PincerException nothingLoaded(String id, Path folder, List<String> paths, List<Diagnostic> found) {
        List<String> errors = found.stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::message)
                .toList();
        if (errors.isEmpty()) {
            return new PincerException(
                    "skills.none",
                    id,
                    folder,
                    "plugin '" + id + "' holds no skill: no <skill>/SKILL.md under " + String.join(", ", paths) + " in "
                            + folder,
                    "put each skill in its own folder with a SKILL.md, e.g. skills/my-skill/SKILL.md");
        }
        return new PincerException(
                "skills.none-loaded",
                id,
                folder,
                "no skill of plugin '" + id + "' loads: "
                        + String.join("; ", errors.subList(0, Math.min(3, errors.size())))
                        + (errors.size() > 3 ? "; and " + (errors.size() - 3) + " more" : ""),
                "fix the SKILL.md files named; `pincer skills list` shows every problem");
    }
}
