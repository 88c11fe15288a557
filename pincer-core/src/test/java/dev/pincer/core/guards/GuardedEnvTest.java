package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.access.EnvAccess;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.permissions.Grant;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardedEnvTest {

    @TempDir
    Path data;

    private final RecordingSink audit = new RecordingSink();

    private EnvAccess env() {
        Guards guards = new Guards(
                GuardSettings.defaults(),
                audit,
                Map.of("WEATHER_KEY", "KEY-VALUE-1", "AWS_SECRET_ACCESS_KEY", "KEY-VALUE-2"),
                Clock.systemUTC(),
                AddressResolver.system(),
                new RecordingTransport());
        return guards.forPlugin(
                        "weather", new Grant(List.of(), List.of(), Set.of("WEATHER_KEY", "WEATHER_UNITS"), false), data)
                .env();
    }

    @Test
    void returnsAGrantedVariable() {
        assertThat(env().get("WEATHER_KEY")).contains("KEY-VALUE-1");
        AuditEvent event = audit.last();
        assertThat(event.kind()).isEqualTo(Kind.ENV);
        assertThat(event.action()).isEqualTo("get");
        assertThat(event.target()).isEqualTo("WEATHER_KEY");
        assertThat(event.decision()).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aSetVariableOutsideTheGrantReadsExactlyLikeAnUnsetOne() {
        EnvAccess env = env();
        assertThat(env.get("AWS_SECRET_ACCESS_KEY")).isEmpty();
        assertThat(env.get("NOT_SET_ANYWHERE")).isEmpty();
        assertThat(env.get("WEATHER_UNITS")).as("granted but unset").isEmpty();
        assertThat(audit.events())
                .extracting(AuditEvent::target, AuditEvent::decision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("AWS_SECRET_ACCESS_KEY", Decision.DENIED),
                        org.assertj.core.groups.Tuple.tuple("NOT_SET_ANYWHERE", Decision.DENIED),
                        org.assertj.core.groups.Tuple.tuple("WEATHER_UNITS", Decision.ALLOWED));
        assertThat(audit.denied().get(0).reason()).isEqualTo("not in its env grant");
    }

    @Test
    void neverAuditsAValue() {
        EnvAccess env = env();
        env.get("WEATHER_KEY");
        env.get("AWS_SECRET_ACCESS_KEY");
        assertThat(audit.events()).hasSize(2);
        assertThat(audit.everything()).doesNotContain("KEY-VALUE");
    }
}
