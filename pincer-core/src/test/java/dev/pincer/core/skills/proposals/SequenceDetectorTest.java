package dev.pincer.core.skills.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SequenceDetectorTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration GAP = Duration.ofMinutes(10);

    private Instant now = START;

    /** Feeds {@code tools} one minute apart and returns every sighting. */
    private List<Sighting> feed(SequenceDetector detector, String actor, String... tools) {
        List<Sighting> sightings = new ArrayList<>();
        for (String tool : tools) {
            now = now.plus(Duration.ofMinutes(1));
            detector.observe(actor, tool, now, List::of).ifPresent(sightings::add);
        }
        return sightings;
    }

    @Test
    void proposesASequenceOnItsThirdRepeatAndNotBefore() {
        SequenceDetector detector = new SequenceDetector(3, 3, GAP, 8);

        assertThat(feed(detector, "cli", "fetch", "parse", "save", "fetch", "parse", "save", "fetch", "parse"))
                .isEmpty();
        List<Sighting> third = feed(detector, "cli", "save");

        assertThat(third).containsExactly(new Sighting("cli", List.of("fetch", "parse", "save"), 3));
    }

    @Test
    void honoursAConfiguredLengthAndThreshold() {
        SequenceDetector detector = new SequenceDetector(2, 4, GAP, 8);

        List<Sighting> sightings = feed(detector, "mcp", "a", "b", "a", "b", "a", "b", "a", "b");

        assertThat(sightings).containsExactly(new Sighting("mcp", List.of("a", "b"), 4));
    }

    @Test
    void countsOccurrencesWithoutOverlap() {
        SequenceDetector detector = new SequenceDetector(3, 3, GAP, 8);

        // "x x x" occurs 5 times with overlap in 7 calls, but only twice without.
        assertThat(feed(detector, "cli", "x", "x", "x", "x", "x", "x", "x", "x"))
                .isEmpty();
        assertThat(feed(detector, "cli", "x")).containsExactly(new Sighting("cli", List.of("x", "x", "x"), 3));
    }

    @Test
    void otherCallsBetweenRepeatsDoNotHide() {
        SequenceDetector detector = new SequenceDetector(2, 3, GAP, 8);

        List<Sighting> sightings = feed(detector, "cli", "a", "b", "noise", "a", "b", "other", "c", "a", "b");

        assertThat(sightings).extracting(Sighting::sequence).containsExactly(List.of("a", "b"));
    }

    @Test
    void aPauseLongerThanTheGapBreaksASequence() {
        SequenceDetector detector = new SequenceDetector(3, 2, GAP, 8);
        List<Sighting> sightings = new ArrayList<>();
        int[] minutes = {1, 2, 13, 50, 51, 52, 200, 201};
        String[] tools = {"fetch", "parse", "save", "fetch", "parse", "save", "fetch", "parse"};
        for (int i = 0; i < tools.length; i++) {
            detector.observe("cli", tools[i], START.plus(Duration.ofMinutes(minutes[i])), List::of)
                    .ifPresent(sightings::add);
        }
        assertThat(sightings)
                .as("the first fetch, parse, save had an 11-minute pause")
                .isEmpty();

        Optional<Sighting> last = detector.observe("cli", "save", START.plus(Duration.ofMinutes(202)), List::of);

        assertThat(last)
                .as("occurrences on either side of a pause both count")
                .contains(new Sighting("cli", List.of("fetch", "parse", "save"), 2));
    }

    @Test
    void aPauseOfExactlyTheGapKeepsTheSequence() {
        SequenceDetector detector = new SequenceDetector(2, 2, GAP, 8);
        Optional<Sighting> last = Optional.empty();
        for (String tool : List.of("a", "b", "a", "b")) {
            now = now.plus(GAP);
            last = detector.observe("cli", tool, now, List::of);
        }

        assertThat(last).contains(new Sighting("cli", List.of("a", "b"), 2));
    }

    @Test
    void proposesASequenceOnceEvenWhenItKeepsRepeating() {
        SequenceDetector detector = new SequenceDetector(2, 2, GAP, 8);

        List<Sighting> sightings = feed(detector, "cli", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b");

        assertThat(sightings).extracting(Sighting::sequence).containsExactly(List.of("a", "b"));
    }

    @Test
    void aRepeatedWorkflowIsNotProposedAgainAsItsRotationsOrOtherWindows() {
        SequenceDetector rotations = new SequenceDetector(3, 3, GAP, 8);
        SequenceDetector longer = new SequenceDetector(3, 3, GAP, 8);
        List<String> cycle = new ArrayList<>();
        List<String> longCycle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cycle.addAll(List.of("fetch", "parse", "save"));
            longCycle.addAll(List.of("fetch", "parse", "save", "notify"));
        }

        assertThat(feed(rotations, "cli", cycle.toArray(String[]::new)))
                .extracting(Sighting::sequence)
                .containsExactly(List.of("fetch", "parse", "save"));
        assertThat(feed(longer, "cli", longCycle.toArray(String[]::new)))
                .extracting(Sighting::sequence)
                .containsExactly(List.of("fetch", "parse", "save"));
    }

    @Test
    void neverSightsAClaimedSequence() {
        SequenceDetector detector = new SequenceDetector(2, 2, GAP, 8);
        detector.claim(List.of("a", "b"));

        assertThat(feed(detector, "cli", "a", "b", "a", "b")).isEmpty();
    }

    @Test
    void keepsEachCallersCallsApart() {
        SequenceDetector detector = new SequenceDetector(2, 2, GAP, 8);

        assertThat(feed(detector, "cli", "a", "b")).isEmpty();
        assertThat(feed(detector, "mcp", "a", "b")).isEmpty();
        assertThat(feed(detector, "cli", "a", "b")).hasSize(1);
    }

    @Test
    void startsAnUnknownCallerFromItsHistoryOnce() {
        SequenceDetector detector = new SequenceDetector(2, 3, GAP, 8);
        List<SequenceDetector.Call> history = List.of(
                new SequenceDetector.Call("a", START),
                new SequenceDetector.Call("b", START.plusSeconds(1)),
                new SequenceDetector.Call("a", START.plusSeconds(2)),
                new SequenceDetector.Call("b", START.plusSeconds(3)),
                new SequenceDetector.Call("a", START.plusSeconds(4)));
        int[] asked = {0};

        Optional<Sighting> sighting = detector.observe("cli", "b", START.plusSeconds(5), () -> {
            asked[0]++;
            return history;
        });
        detector.observe("cli", "c", START.plusSeconds(6), () -> {
            asked[0]++;
            return history;
        });

        assertThat(sighting).contains(new Sighting("cli", List.of("a", "b"), 3));
        assertThat(asked[0]).isEqualTo(1);
    }

    @Test
    void memoryStaysBoundedPerCaller() {
        SequenceDetector detector = new SequenceDetector(3, 3, GAP, 4);
        for (int i = 0; i < 10_000; i++) {
            feed(detector, "cli", "tool-" + i);
        }

        assertThat(detector.window()).isEqualTo(3 * 3 * SequenceDetector.WINDOW_FACTOR);
        assertThat(detector.remembered("cli")).isEqualTo(detector.window());
    }

    @Test
    void theWindowIsCappedButAlwaysHoldsEnoughCallsToSeeTheRepeats() {
        assertThat(new SequenceDetector(10, 30, GAP, 1).window()).isEqualTo(SequenceDetector.MAX_WINDOW);
        assertThat(new SequenceDetector(10, 100, GAP, 1).window()).isEqualTo(SequenceDetector.MAX_WINDOW);
        assertThat(new SequenceDetector(20, 100, GAP, 1).window()).isEqualTo(2000);
    }

    @Test
    void memoryStaysBoundedInCallersForgettingTheLeastRecent() {
        SequenceDetector detector = new SequenceDetector(2, 2, GAP, 4);
        feed(detector, "cli", "a", "b", "a");
        for (int i = 0; i < 100; i++) {
            feed(detector, "agent:" + i, "a");
        }

        assertThat(detector.actors()).isEqualTo(4);
        assertThat(detector.remembered("agent:99")).isEqualTo(1);
        assertThat(detector.remembered("cli"))
                .as("the least recent caller was forgotten")
                .isZero();
        assertThat(feed(detector, "cli", "b")).as("its earlier calls are gone").isEmpty();
    }
}
