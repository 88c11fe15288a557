package dev.pincer.api.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandSpecTest {

    @Test
    void rejectsCommandNameWithUppercaseLetters() {
        assertThatThrownBy(() -> CommandSpec.noArgs("Status", "Shows status"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Status\"");
    }

    @Test
    void rejectsArgumentHintOnCommandWithoutArgumentsNamingBoth() {
        assertThatThrownBy(() -> new CommandSpec("status", "", "<verbose>", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argumentHint \"<verbose>\"")
                .hasMessageContaining("acceptsArgs is false");
    }

    @Test
    void noneResultHasNoReplyAndReplyResultHasOne() {
        assertThat(CommandResult.none().hasReply()).isFalse();
        assertThat(CommandResult.reply("ok").hasReply()).isTrue();
        assertThat(CommandResult.reply("ok").text()).isEqualTo("ok");
    }
}
