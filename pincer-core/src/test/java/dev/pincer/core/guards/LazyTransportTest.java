package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTransportTest {

    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();

    private HttpTransport counting() {
        starts.incrementAndGet();
        return new HttpTransport() {
            @Override
            public Reply exchange(PinnedRequest request) {
                return new Reply(204, Map.of(), new byte[0]);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
    }

    @Test
    void startsTheRealTransportOnlyOnTheFirstExchangeAndOnce() throws IOException {
        LazyTransport lazy = new LazyTransport(this::counting);
        assertThat(starts).hasValue(0);

        assertThat(lazy.exchange(null).status()).isEqualTo(204);
        assertThat(lazy.exchange(null).status()).isEqualTo(204);
        lazy.close();

        assertThat(starts).hasValue(1);
        assertThat(closes).hasValue(1);
    }

    @Test
    void closingBeforeAnyExchangeStartsNothingAndLaterExchangesFail() {
        LazyTransport lazy = new LazyTransport(this::counting);

        lazy.close();

        assertThat(starts).hasValue(0);
        assertThatThrownBy(() -> lazy.exchange(null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shutting down");
        assertThat(List.of(starts.get(), closes.get())).containsExactly(0, 0);
    }
}
