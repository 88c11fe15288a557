package dev.pincer.core.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void delaysDoubleFromTheBaseAndStopAtTheCap() {
        RestartPolicy policy = new RestartPolicy(5, Duration.ofSeconds(60), ms(100), ms(1000), 0);
        Random random = new Random(1);

        assertThat(policy.delay(0, random)).isEqualTo(ms(100));
        assertThat(policy.delay(1, random)).isEqualTo(ms(200));
        assertThat(policy.delay(2, random)).isEqualTo(ms(400));
        assertThat(policy.delay(3, random)).isEqualTo(ms(800));
        assertThat(policy.delay(4, random)).isEqualTo(ms(1000));
        assertThat(policy.delay(62, random)).isEqualTo(ms(1000));
        assertThat(policy.delay(Integer.MAX_VALUE, random)).isEqualTo(ms(1000));
    }

    @Test
    void jitteredDelaysAreExactForASeededGenerator() {
        // new Random(42).nextDouble() gives 0.7275636800328681, 0.6832234717598454, 0.3087194553326598,
        // 0.2770784900741367; each delay is capped * (1 + 0.5 * (2u - 1)), rounded to the nanosecond
        RestartPolicy policy = new RestartPolicy(5, Duration.ofSeconds(60), ms(100), Duration.ofSeconds(10), 0.5);
        Random random = new Random(42);

        assertThat(policy.delay(0, random)).isEqualTo(Duration.ofNanos(122_756_368));
        assertThat(policy.delay(1, random)).isEqualTo(Duration.ofNanos(236_644_694));
        assertThat(policy.delay(2, random)).isEqualTo(Duration.ofNanos(323_487_782));
        assertThat(policy.delay(20, random)).isEqualTo(Duration.ofNanos(7_770_784_901L));
    }

    @Test
    void jitterStaysWithinItsFractionOfTheCap() {
        RestartPolicy policy = new RestartPolicy(5, Duration.ofSeconds(60), ms(100), ms(1000), 0.2);
        Random random = new Random(7);

        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delay(30, random)).isBetween(ms(800), ms(1200));
        }
    }

    @Test
    void rejectsInvalidSettingsNamingTheValue() {
        assertThatThrownBy(() -> new RestartPolicy(5, Duration.ofSeconds(60), ms(100), ms(1000), 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter must be in [0, 1), but was 1.0");
        assertThatThrownBy(() -> new RestartPolicy(5, Duration.ofSeconds(60), ms(100), ms(50), 0))
                .hasMessage("maxDelay (PT0.05S) must not be shorter than baseDelay (PT0.1S)");
        assertThatThrownBy(() -> new RestartPolicy(-1, Duration.ofSeconds(60), ms(100), ms(100), 0))
                .hasMessage("maxRestarts must not be negative, but was -1");
        assertThatThrownBy(() -> RestartPolicy.defaults().delay(-1, new Random(1)))
                .hasMessage("attempt must not be negative, but was -1");
    }

    @Test
    void healthChecksBackOffWhileFailingUpToTheMaximum() {
        HealthPolicy policy = new HealthPolicy(Duration.ofSeconds(1), 5, Duration.ofSeconds(5));

        assertThat(policy.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(100)).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> new HealthPolicy(Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .hasMessage("failureThreshold must be at least 1, but was 0");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
