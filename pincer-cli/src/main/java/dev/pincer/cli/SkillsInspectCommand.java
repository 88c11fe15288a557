package dev.pincer.cli;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.skills.EffectiveSkill;
import dev.pincer.core.skills.Skill;
import dev.pincer.core.skills.SkillDocument;
import dev.pincer.core.skills.SkillRequirements;
import dev.pincer.core.skills.SkillSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer skills inspect <name>}: everything Pincer knows about one skill.
 *
 * @since 0.1.0
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = "Show one skill: front matter, folder and files, requirements and whether they are met,"
                + " shadowed copies and problems.")
final class SkillsInspectCommand implements Callable<Integer> {

    @ParentCommand
    SkillsCommand skills;

    @Parameters(paramLabel = "NAME", description = "The skill's name, as shown by `pincer skills list`.")
    String name;

    @Option(names = "--json", description = "Print one JSON object, including the front matter as read.")
    boolean json;

    @Override
    public Integer call() {
        PincerCommand top = skills.top;
        PrintWriter out = top.out();
        try (RunningHost running = RunningHost.start(top, top.scan())) {
            SkillSet set = running.skills().current();
            EffectiveSkill effective = set.find(name).orElseThrow(() -> unknown(set));
            List<Diagnostic> problems = about(set, effective);
            if (json) {
                out.println(Views.write(SkillViews.detail(effective, problems)));
                return 0;
            }
            print(out, effective);
            SkillsListCommand.printProblems(out, problems);
            return 0;
        }
    }

    private static void print(PrintWriter out, EffectiveSkill effective) {
        Skill skill = effective.skill();
        SkillDocument d = skill.document();
        out.println(skill.name());
        out.println("  " + d.description());
        field(out, "status", effective.status());
        field(out, "source", skill.origin() + "  " + skill.where());
        field(out, "command", d.userInvocable() ? "/" + skill.name() + " [input]" : "none (user-invocable: false)");
        field(out, "model may pick it", d.disableModelInvocation() ? "no (disable-model-invocation)" : "yes");
        if (d.license() != null) {
            field(out, "license", d.license());
        }
        if (d.compatibility() != null) {
            field(out, "compatibility", d.compatibility());
        }
        if (!d.allowedTools().isEmpty()) {
            field(out, "allowed tools", String.join(" ", d.allowedTools()));
        }
        field(out, "requires", requirements(d.requirements()));
        if (!skill.files().isEmpty()) {
            out.println("  files:");
            skill.files().forEach(f -> out.println("    " + f));
        }
        if (!effective.shadowed().isEmpty()) {
            out.println("  shadowed copies:");
            effective.shadowed().forEach(s -> out.println("    " + s.origin() + "  " + s.where()));
        }
    }

    private static String requirements(SkillRequirements r) {
        if (r.isEmpty()) {
            return "nothing";
        }
        List<String> parts = new ArrayList<>();
        if (!r.bins().isEmpty()) {
            parts.add("binaries " + String.join(", ", r.bins()));
        }
        r.anyBins().forEach(group -> parts.add("one of " + String.join(", ", group)));
        if (!r.env().isEmpty()) {
            parts.add("environment " + String.join(", ", r.env()));
        }
        if (!r.config().isEmpty()) {
            parts.add("OpenClaw settings " + String.join(", ", r.config()));
        }
        if (!r.os().isEmpty()) {
            parts.add("os " + String.join(", ", r.os()));
        }
        if (r.always()) {
            parts.add("always (requires checks skipped)");
        }
        return String.join("; ", parts);
    }

    /** Returns the findings about the skill's copies: those whose path lies in one of their folders. */
    private static List<Diagnostic> about(SkillSet set, EffectiveSkill effective) {
        List<Path> folders = new ArrayList<>();
        if (effective.skill().folder() != null) {
            folders.add(effective.skill().folder());
        }
        effective.shadowed().stream().map(Skill::folder).filter(f -> f != null).forEach(folders::add);
        return set.diagnostics().stream()
                .filter(d -> d.path() != null
                        && folders.stream().anyMatch(f -> d.path().startsWith(f)))
                .collect(Collectors.toList());
    }

    private PincerException unknown(SkillSet set) {
        List<String> broken = set.diagnostics().stream()
                .filter(d -> d.isError() && d.path() != null && d.path().getParent() != null)
                .filter(d -> d.path().getParent().getFileName() != null
                        && d.path().getParent().getFileName().toString().equals(name))
                .map(Diagnostic::message)
                .toList();
        if (!broken.isEmpty()) {
            return new PincerException(
                    "cli.broken-skill",
                    null,
                    null,
                    "skill '" + name + "' does not load: " + String.join("; ", broken),
                    "fix its SKILL.md; `pincer skills list` shows every problem");
        }
        String hint = Suggestions.closest(name, set.names())
                .map(s -> "did you mean '" + s + "'? `pincer skills list` shows every skill")
                .orElse("`pincer skills list` shows every skill");
        return new PincerException("cli.unknown-skill", null, null, "no skill is called '" + name + "'", hint);
    }

    private static void field(PrintWriter out, String label, String value) {
        out.println("  " + label + ": " + value);
    }
}
