package dev.pincer.core.registry;

import static dev.pincer.core.registry.CapabilityKind.COMMAND;
import static dev.pincer.core.registry.CapabilityKind.HOOK;
import static dev.pincer.core.registry.CapabilityKind.MEMORY;
import static dev.pincer.core.registry.CapabilityKind.TOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginShapeTest {

    @Test
    void classifiesAPluginThatContributesNothing() {
        PluginShape shape = PluginShape.classify(Set.of());

        assertThat(shape).isEqualTo(new PluginShape.None());
        assertThat(shape.describe()).isEqualTo("nothing");
        assertThat(shape.kinds()).isEmpty();
    }

    @Test
    void classifiesAPluginOfHooksOnly() {
        PluginShape shape = PluginShape.classify(Set.of(HOOK));

        assertThat(shape).isEqualTo(new PluginShape.HooksOnly());
        assertThat(shape.describe()).isEqualTo("hooks only");
    }

    @Test
    void classifiesAPluginOfOneKind() {
        assertThat(PluginShape.classify(Set.of(TOOL))).isEqualTo(new PluginShape.SingleKind(TOOL));
        assertThat(PluginShape.classify(Set.of(TOOL)).describe()).isEqualTo("tools only");
        assertThat(PluginShape.classify(Set.of(MEMORY)).describe()).isEqualTo("memory only");
    }

    @Test
    void classifiesAPluginOfSeveralKindsCountingHooksAsOne() {
        PluginShape shape = PluginShape.classify(Set.of(HOOK, COMMAND, TOOL));

        assertThat(shape).isEqualTo(new PluginShape.MultiKind(EnumSet.of(TOOL, COMMAND, HOOK)));
        assertThat(shape.kinds()).containsExactly(TOOL, COMMAND, HOOK);
        assertThat(shape.describe()).isEqualTo("tools, commands and hooks");
        assertThat(PluginShape.classify(Set.of(TOOL, HOOK)).describe()).isEqualTo("tools and hooks");
    }

    @Test
    void refusesShapesThatContradictTheirKinds() {
        assertThatThrownBy(() -> new PluginShape.SingleKind(HOOK))
                .hasMessage("a plugin of hooks only has the shape HooksOnly");
        assertThatThrownBy(() -> new PluginShape.MultiKind(Set.of(TOOL)))
                .hasMessage("a multi-kind shape needs at least two kinds, but got [TOOL]");
    }
}
