package dev.pincer.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FtsQueryTest {

    @Test
    void quotesEveryWordAndJoinsThemWithOr() {
        assertThat(FtsQuery.of("Lisbon flight")).contains("\"Lisbon\" OR \"flight\"");
    }

    @Test
    void operatorsAndQuotesBecomeWordsOrSeparators() {
        assertThat(FtsQuery.of("a OR NEAR(b) -c col:d \"e\" f*"))
                .contains("\"a\" OR \"OR\" OR \"NEAR\" OR \"b\" OR \"c\" OR \"col\" OR \"d\" OR \"e\" OR \"f\"");
    }

    @Test
    void textWithoutWordsHasNoQuery() {
        assertThat(FtsQuery.of("")).isEmpty();
        assertThat(FtsQuery.of("  \" * ( ) : - ^ ")).isEmpty();
    }

    @Test
    void repeatedWordsCountOnce() {
        assertThat(FtsQuery.of("tea tea coffee tea")).contains("\"tea\" OR \"coffee\"");
    }
}
