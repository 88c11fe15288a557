package dev.pincer.core.skills.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProposalBookTest {

    static final Instant NOW = Instant.parse("2026-03-01T09:00:00.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void keepsAProposalAcrossReopening() {
        Path file = dir.resolve("pincer.db");
        Proposal added;
        try (Store store = Store.open(file)) {
            added = new ProposalBook(store, CLOCK)
                    .propose("cli:ada", List.of("fetch", "parse", "save"), 3)
                    .orElseThrow();
        }

        try (Store store = Store.open(file)) {
            ProposalBook book = new ProposalBook(store, CLOCK);
            Proposal found = book.find(added.id()).orElseThrow();

            assertThat(found).isEqualTo(added);
            assertThat(found.name()).isEqualTo("fetch-parse-save");
            assertThat(found.sequence()).containsExactly("fetch", "parse", "save");
            assertThat(found.state()).isEqualTo(Proposal.State.PENDING);
            assertThat(found.actor()).isEqualTo("cli:ada");
            assertThat(found.seen()).isEqualTo(3);
            assertThat(found.created()).isEqualTo(NOW);
            assertThat(found.decidedAt()).isNull();
            assertThat(found.skillMd()).isEqualTo(SkillText.render("fetch-parse-save", found.sequence(), 3));
            assertThat(book.pending()).containsExactly(found);
            assertThat(book.sequences()).containsExactly(List.of("fetch", "parse", "save"));
            assertThat(book.knows(List.of("fetch", "parse", "save"))).isTrue();
            assertThat(book.knows(List.of("fetch", "save", "parse"))).isFalse();
        }
    }

    @Test
    void proposesASequenceOnlyOnceEvenAfterARejection() {
        try (Store store = Store.open(dir.resolve("pincer.db"))) {
            ProposalBook book = new ProposalBook(store, CLOCK);
            Proposal first = book.propose("cli:ada", List.of("a", "b"), 2).orElseThrow();
            book.decide(first.id(), Proposal.State.REJECTED, "ada").orElseThrow();

            assertThat(book.propose("mcp", List.of("a", "b"), 5)).isEmpty();
            assertThat(book.all()).hasSize(1);
            assertThat(book.pending()).isEmpty();
        }
    }

    @Test
    void aNameAlreadyTakenGetsANumber() {
        try (Store store = Store.open(dir.resolve("pincer.db"))) {
            ProposalBook book = new ProposalBook(store, CLOCK);

            Proposal dots =
                    book.propose("cli", List.of("git.add", "git.commit"), 3).orElseThrow();
            Proposal underscores =
                    book.propose("cli", List.of("git_add", "git_commit"), 3).orElseThrow();
            Proposal slashes =
                    book.propose("cli", List.of("git/add", "git/commit"), 3).orElseThrow();

            assertThat(List.of(dots.name(), underscores.name(), slashes.name()))
                    .containsExactly("git-add-git-commit", "git-add-git-commit-2", "git-add-git-commit-3");
            assertThat(underscores.skillMd()).contains("name: \"git-add-git-commit-2\"");
        }
    }

    @Test
    void aDecisionIsKeptWithWhoAndWhenAndOnlyOnce() {
        try (Store store = Store.open(dir.resolve("pincer.db"))) {
            ProposalBook book = new ProposalBook(store, CLOCK);
            Proposal p = book.propose("cli", List.of("a", "b"), 2).orElseThrow();

            Proposal approved =
                    book.decide(p.id(), Proposal.State.APPROVED, "ada").orElseThrow();

            assertThat(approved.state()).isEqualTo(Proposal.State.APPROVED);
            assertThat(approved.decidedBy()).isEqualTo("ada");
            assertThat(approved.decidedAt()).isEqualTo(NOW);
            assertThat(book.decide(p.id(), Proposal.State.REJECTED, "bo")).isEmpty();
            assertThat(book.decide(99, Proposal.State.REJECTED, "bo")).isEmpty();
            assertThat(book.find(p.id()).orElseThrow()).isEqualTo(approved);
        }
    }
}
