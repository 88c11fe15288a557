package dev.pincer.core.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebouncerTest {

    private static final long MS = 1_000_000L;
    private final Debouncer debouncer = new Debouncer(Duration.ofMillis(150), Duration.ofMillis(2000));

    @Test
    void isDueOnceTheChangesHaveBeenQuietForTheDebounce() {
        debouncer.add(List.of(Path.of("/p/a")), 0);
        debouncer.add(List.of(Path.of("/p/b")), 100 * MS);

        assertThat(debouncer.remaining(200 * MS)).isEqualTo(50 * MS);
        assertThat(debouncer.remaining(250 * MS)).isZero();
        assertThat(debouncer.drain()).containsExactly(Path.of("/p/a"), Path.of("/p/b"));
        assertThat(debouncer.remaining(250 * MS)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aTrickleIsDueAtTheMaxWaitAfterItsFirstChange() {
        for (long t = 0; t <= 2500; t += 100) {
            debouncer.add(List.of(Path.of("/p/log")), t * MS);
        }

        assertThat(debouncer.remaining(1900 * MS)).isEqualTo(100 * MS);
        assertThat(debouncer.remaining(2000 * MS)).isZero();
        assertThat(debouncer.drain()).containsExactly(Path.of("/p/log"));
    }

    @Test
    void theNextBatchStartsItsOwnMaxWait() {
        debouncer.add(List.of(Path.of("/p/a")), 0);
        debouncer.drain();
        debouncer.add(List.of(Path.of("/p/b")), 5000 * MS);

        assertThat(debouncer.remaining(5000 * MS)).isEqualTo(150 * MS);
    }

    @Test
    void anEmptyChangeLeavesNothingPending() {
        debouncer.add(List.of(), 0);

        assertThat(debouncer.remaining(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesAMaxWaitShorterThanTheDebounce() {
        assertThatThrownBy(() -> new Debouncer(Duration.ofSeconds(1), Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max wait PT0.5S is shorter than the debounce PT1S; make it at least as long");
    }
}
