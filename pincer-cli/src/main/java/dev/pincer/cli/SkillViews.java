package dev.pincer.cli;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.skills.EffectiveSkill;
import dev.pincer.core.skills.Skill;
import dev.pincer.core.skills.SkillDocument;
import dev.pincer.core.skills.SkillRequirements;
import dev.pincer.core.skills.SkillSet;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns skills into the JSON that {@code pincer skills list --json} and {@code inspect --json}
 * print. The field names are a public contract: scripts read them.
 *
 * <p>Stateless and thread-safe.
 */
final class SkillViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SkillViews() {}

    /** Returns {@code {roots, skills, diagnostics}} for the whole set. */
    static ObjectNode set(SkillSet set) {
        ObjectNode node = NODES.objectNode();
        ArrayNode roots = node.putArray("roots");
        set.roots().forEach(r -> roots.addObject()
                .put("source", r.source().label())
                .put("path", r.path().toString())
                .put("loaded", r.loaded()));
        ArrayNode skills = node.putArray("skills");
        set.skills().forEach(s -> skills.add(summary(s)));
        node.set("diagnostics", diagnostics(set.diagnostics()));
        return node;
    }

    /** Returns one skill's summary: name, source, path, eligibility, invocation, shadowed copies. */
    static ObjectNode summary(EffectiveSkill effective) {
        Skill skill = effective.skill();
        ObjectNode node = NODES.objectNode();
        node.put("name", skill.name());
        node.put("description", skill.document().description());
        node.put("source", skill.source().label());
        node.put("plugin", skill.pluginId());
        node.put("path", skill.folder() == null ? null : skill.folder().toString());
        node.put("eligible", effective.eligible());
        ArrayNode reasons = node.putArray("ineligible");
        effective.ineligible().forEach(reasons::add);
        node.put("userInvocable", skill.document().userInvocable());
        node.put("disableModelInvocation", skill.document().disableModelInvocation());
        ArrayNode shadowed = node.putArray("shadowed");
        effective.shadowed().forEach(s -> shadowed.addObject()
                .put("source", s.source().label())
                .put("plugin", s.pluginId())
                .put("path", s.folder() == null ? null : s.folder().toString()));
        return node;
    }

    /** Returns everything about one skill, for {@code inspect --json}. */
    static ObjectNode detail(EffectiveSkill effective, List<Diagnostic> diagnostics) {
        ObjectNode node = summary(effective);
        SkillDocument d = effective.skill().document();
        node.set("frontMatter", d.frontMatter());
        node.put("license", d.license());
        node.put("compatibility", d.compatibility());
        ArrayNode tools = node.putArray("allowedTools");
        d.allowedTools().forEach(tools::add);
        node.set("requires", requirements(d.requirements()));
        ArrayNode files = node.putArray("files");
        effective.skill().files().forEach(files::add);
        node.set("diagnostics", diagnostics(diagnostics));
        return node;
    }

    private static ObjectNode requirements(SkillRequirements r) {
        ObjectNode node = NODES.objectNode();
        node.set("bins", strings(r.bins()));
        ArrayNode any = node.putArray("anyBins");
        r.anyBins().forEach(group -> any.add(strings(group)));
        node.set("env", strings(r.env()));
        node.set("config", strings(r.config()));
        node.set("os", strings(r.os()));
        node.put("always", r.always());
        return node;
    }

    private static ArrayNode diagnostics(List<Diagnostic> diagnostics) {
        ArrayNode array = NODES.arrayNode();
        diagnostics.forEach(d -> array.add(Views.diagnostic(d)));
        return array;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
