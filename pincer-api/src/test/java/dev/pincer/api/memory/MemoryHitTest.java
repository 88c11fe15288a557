package dev.pincer.api.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryHitTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void hitRejectsNonFiniteScoreNamingTheRecord() {
        MemoryRecord memoryRecord = new MemoryRecord("m1", "s1", "Ada prefers tea", Map.of(), CREATED);

        assertThatThrownBy(() -> new MemoryHit(memoryRecord, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"m1\"")
                .hasMessageContaining("NaN");
    }
}
