package dev.pincer.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.memory.MemoryHit;
import dev.pincer.api.memory.MemoryRecord;
import dev.pincer.core.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMemoryTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

    @TempDir
    Path dir;

    private Store store;
    private SqliteMemory memory;

    @BeforeEach
    void setUp() {
        store = Store.open(dir.resolve("pincer.db"));
        memory = new SqliteMemory(store);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static MemoryRecord record(String id, String text) {
        return new MemoryRecord(id, "s1", text, Map.of(), T0);
    }

    private List<String> ids(String query) {
        return memory.search(query, 10).stream().map(h -> h.record().id()).toList();
    }

    @Test
    void storesAndRetrievesARecordWithItsSessionMetadataAndTime() {
        MemoryRecord stored = new MemoryRecord("m1", "s1", "Ada prefers green tea", Map.of("topic", "drinks"), T0);

        memory.store(stored);

        assertThat(memory.id()).isEqualTo("sqlite");
        assertThat(memory.retrieve("m1")).contains(stored);
        assertThat(memory.retrieve("m2")).isEmpty();
    }

    @Test
    void storingTheSameIdReplacesTheRecordAndItsIndexEntry() {
        memory.store(record("m1", "the meeting is on Tuesday"));
        memory.store(new MemoryRecord("m1", "s2", "the meeting moved to Friday", Map.of("v", "2"), T0.plusSeconds(5)));

        assertThat(memory.retrieve("m1").orElseThrow().text()).isEqualTo("the meeting moved to Friday");
        assertThat(memory.retrieve("m1").orElseThrow().sessionId()).isEqualTo("s2");
        assertThat(ids("Tuesday")).isEmpty();
        assertThat(ids("Friday")).containsExactly("m1");
        assertThat(ids("meeting")).containsExactly("m1");
    }

    @Test
    void deleteRemovesTheRecordFromTableAndIndexAndSaysWhetherThereWasOne() {
        memory.store(record("m1", "parking spot 42 on level B"));

        assertThat(memory.delete("m1")).isTrue();
        assertThat(memory.delete("m1")).isFalse();
        assertThat(memory.retrieve("m1")).isEmpty();
        assertThat(ids("parking")).isEmpty();
    }

    @Test
    void fullTextMatchWorksAndRanksTheBetterMatchFirstWithHigherScores() {
        memory.store(record("weak", "a long note that mentions coffee once among many other words about travel"));
        memory.store(record("strong", "coffee coffee coffee"));
        memory.store(record("none", "tea only"));

        List<MemoryHit> hits = memory.search("coffee", 10);

        assertThat(hits).extracting(h -> h.record().id()).containsExactly("strong", "weak");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(hits.get(1).score()).isPositive();
    }

    @Test
    void anyWordMatchesAndRecordsHoldingMoreOfTheWordsRankFirst() {
        memory.store(record("both", "flight to Lisbon on the 3rd"));
        memory.store(record("one", "Lisbon has good custard tarts"));
        memory.store(record("other", "the flight was delayed"));

        assertThat(ids("Lisbon flight")).first().isEqualTo("both");
        assertThat(ids("Lisbon flight")).containsExactlyInAnyOrder("both", "one", "other");
    }

    @Test
    void caseAndDiacriticsDoNotMatter() {
        memory.store(record("cafe", "Meet at the Café Noir"));
        memory.store(record("plain", "naive cooperation with Zoe"));

        assertThat(ids("cafe")).containsExactly("cafe");
        assertThat(ids("CAFÉ noir")).containsExactly("cafe");
        assertThat(ids("naïve Zoë")).containsExactly("plain");
        assertThat(ids("cafe\u0301")).containsExactly("cafe");
    }

    @Test
    void hostileQueriesAreNeverSyntaxErrorsAndMatchOnlyTheirWords() {
        memory.store(record("m1", "col val near the OR gate"));
        memory.store(record("m2", "x marks the spot"));
        memory.store(record("m3", "it's Bobby's table"));
        String parens = "(".repeat(5000) + ")".repeat(5000);

        for (String query : List.of(
                "\"",
                "*",
                "NEAR(",
                "a OR",
                "AND",
                "-x",
                "^",
                "col:val",
                "{col}: val",
                parens,
                "'; DROP TABLE memories; --",
                "\" OR 1=1 --",
                "x\u0000y",
                "   ",
                "",
                "!!!???",
                "NOT",
                "memories_fts")) {
            assertThat(memory.search(query, 10)).as(query).isNotNull();
        }
        assertThat(ids(parens)).isEmpty();
        assertThat(ids("\"")).isEmpty();
        assertThat(ids("*")).isEmpty();
        assertThat(ids("")).isEmpty();
        assertThat(ids("-x")).containsExactly("m2");
        assertThat(ids("col:val")).containsExactly("m1");
        assertThat(ids("NEAR(")).containsExactly("m1");
        assertThat(ids("a OR")).containsExactly("m1");
        assertThat(ids("Bobby's")).containsExactly("m3");
        assertThat(ids("'; DROP TABLE memories; --")).containsExactly("m3");
        assertThat(memory.retrieve("m1")).isPresent();
    }

    @Test
    void aQueryOfManyWordsUsesTheFirstThirtyTwo() {
        memory.store(record("early", "alpha"));
        memory.store(record("late", "omega"));
        String words = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25"
                + " w26 w27 w28 w29 w30 w31";

        assertThat(ids(words + " alpha omega")).containsExactly("early");
        assertThat(FtsQuery.of(words + " alpha omega").orElseThrow()).endsWith("\"w31\" OR \"alpha\"");
    }

    @Test
    void theLimitIsBroughtIntoOneToAHundred() {
        for (int i = 0; i < 105; i++) {
            memory.store(record("m" + i, "note number " + i));
        }

        assertThat(memory.search("note", 0)).hasSize(1);
        assertThat(memory.search("note", -5)).hasSize(1);
        assertThat(memory.search("note", 3)).hasSize(3);
        assertThat(memory.search("note", 1000)).hasSize(100);
    }

    @Test
    void recordsOverTheLimitsAreRefusedWithTheSizeAndTheLimit() {
        String big = "x".repeat(MemoryLimits.MAX_TEXT_BYTES + 1);
        String twoByte = "é".repeat(MemoryLimits.MAX_TEXT_BYTES / 2 + 1);

        assertThatThrownBy(() -> memory.store(record("big", big)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the text of memory 'big' is 32769 bytes; the most is 32768 bytes (32 KiB): store a"
                        + " shorter text, or split it into several memories");
        assertThatThrownBy(() -> memory.store(record("wide", twoByte)))
                .hasMessageStartingWith("the text of memory 'wide' is 32770 bytes");
        assertThatThrownBy(() -> memory.store(record("i".repeat(129), "text")))
                .hasMessageStartingWith("a memory id has at most 128 characters, but '");
        assertThatThrownBy(() -> memory.store(record("a\nb", "text")))
                .hasMessage("memory id 'a?b' holds a control character (shown as ?)");
        assertThatThrownBy(
                        () -> memory.store(new MemoryRecord("meta", null, "text", Map.of("k", "v".repeat(4096)), T0)))
                .hasMessage("the metadata of memory 'meta' is 4097 bytes of keys and values; the most is 4096"
                        + " bytes (4 KiB)");
        memory.store(record("fits", "y".repeat(MemoryLimits.MAX_TEXT_BYTES)));
        assertThat(memory.retrieve("big")).isEmpty();
        assertThat(memory.retrieve("fits")).isPresent();
    }

    @Test
    void memoryIsSharedWhatOneSessionStoresAnotherFinds() {
        memory.store(new MemoryRecord("a1", "session-a", "the vault code is 1234", Map.of(), T0));

        List<MemoryHit> hits = memory.search("vault code", 5);

        assertThat(hits).singleElement().satisfies(h -> assertThat(h.record().sessionId())
                .isEqualTo("session-a"));
    }

    @Test
    void recordsSurviveReopeningTheStore() {
        memory.store(record("m1", "remember the milk"));
        store.close();

        store = Store.open(dir.resolve("pincer.db"));
        memory = new SqliteMemory(store);

        assertThat(ids("milk")).containsExactly("m1");
    }
}
