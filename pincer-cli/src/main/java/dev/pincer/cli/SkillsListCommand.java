package dev.pincer.cli;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.skills.EffectiveSkill;
import dev.pincer.core.skills.Skill;
import dev.pincer.core.skills.SkillSet;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pincer skills list}: every skill in effect, where it comes from, whether this machine can
 * use it, and the copies it shadows.
 *
 * @since 0.1.0
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "List every skill: workspace (when trusted) > $PINCER_HOME/skills > plugins > bundled.",
            "Activates plugins, since plugins may register skills; problems are listed at the end."
        })
final class SkillsListCommand implements Callable<Integer> {

    @ParentCommand
    SkillsCommand skills;

    @Option(
            names = "--json",
            description = "Print one JSON object: roots, skills (name, description, source, plugin, path, eligible,"
                    + " ineligible, userInvocable, disableModelInvocation, shadowed) and diagnostics.")
    boolean json;

    @Override
    public Integer call() {
        PincerCommand top = skills.top;
        PrintWriter out = top.out();
        try (RunningHost running = RunningHost.start(top, top.scan())) {
            SkillSet set = running.skills().current();
            if (json) {
                out.println(Views.write(SkillViews.set(set)));
                return 0;
            }
            if (set.skills().isEmpty()) {
                out.println("No skills. Pincer looked in:");
                set.roots().forEach(r -> out.println("  " + r.describe()));
                out.println("and in the skills of active plugins. Put a folder with a SKILL.md in one of these.");
            } else {
                Table table = new Table(List.of("SKILL", "SOURCE", "COMMAND", "STATUS", "SHADOWS"), 64, 40, 34, 70, 80);
                for (EffectiveSkill s : set.skills()) {
                    table.add(
                            s.name(),
                            s.skill().origin(),
                            s.skill().document().userInvocable() ? "/" + s.name() : "-",
                            s.status(),
                            s.shadowed().stream().map(Skill::origin).collect(Collectors.joining(", ")));
                }
                table.print(out);
                out.println();
                out.println(set.skills().size() + (set.skills().size() == 1 ? " skill: " : " skills: ")
                        + set.eligible().size() + " eligible, "
                        + (set.skills().size() - set.eligible().size())
                        + " not eligible on this machine");
            }
            printProblems(out, set.diagnostics());
            return 0;
        }
    }

    /** Prints each finding with its hint, or nothing when there are none. */
    static void printProblems(PrintWriter out, List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            return;
        }
        out.println();
        out.println("Findings:");
        diagnostics.forEach(d -> DoctorCommand.print(out, d, "  "));
    }
}
