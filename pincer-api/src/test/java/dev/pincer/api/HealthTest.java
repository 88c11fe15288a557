package dev.pincer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void downWithoutReasonIsRejected() {
        assertThatThrownBy(() -> Health.down(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOWN");
    }

    @Test
    void pluginIsHealthyByDefault() {
        Plugin plugin = context -> {};

        assertThat(plugin.health()).isEqualTo(Health.healthy());
    }
}
