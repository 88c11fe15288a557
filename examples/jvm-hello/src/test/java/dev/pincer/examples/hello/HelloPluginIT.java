package dev.pincer.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.host.Invocation;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.testkit.PincerPlugin;
import dev.pincer.testkit.PluginHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests the built plugin folder the way users run it, through the Pincer test kit. */
@PincerPlugin(value = "target/plugin", config = "[plugins.entries.hello.config]\ngreeting = \"Hi\"\n")
class HelloPluginIT {

    @Test
    void greetsThroughTheToolWithTheConfiguredGreeting(PluginHarness pincer) {
        assertThat(PluginHarness.text(pincer.call("greet", Map.of("name", "Ada"))))
                .isEqualTo("Hi, Ada!");
    }

    @Test
    void itsHookTidiesTheNameBeforeTheToolRuns(PluginHarness pincer) {
        assertThat(PluginHarness.text(pincer.call("greet", Map.of("name", "  Ada  "))))
                .isEqualTo("Hi, Ada!");
    }

    @Test
    void refusesAnEmptyName(PluginHarness pincer) {
        Invocation refused = pincer.invoke("greet", Map.of("name", ""));

        assertThat(refused.status()).isEqualTo(Invocation.Status.INVALID_ARGUMENTS);
        assertThat(refused.message()).contains("/name");
    }

    @Test
    void answersItsSlashCommandAndRunsItsService(PluginHarness pincer) {
        assertThat(pincer.command("/hello")).isEqualTo("Hi, world!");
        assertThat(pincer.command("/hello Bo")).isEqualTo("Hi, Bo!");
        assertThat(pincer.state("hello")).isEqualTo(PluginState.ACTIVE);
        assertThat(pincer.host().services())
                .singleElement()
                .satisfies(s -> assertThat(s.state().name()).isEqualTo("RUNNING"));
    }
}
