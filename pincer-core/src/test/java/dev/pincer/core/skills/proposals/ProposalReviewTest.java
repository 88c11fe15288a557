package dev.pincer.core.skills.proposals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProposalReviewTest {

    @TempDir
    Path dir;

    private Store store;
    private ProposalBook book;
    private ProposalReview review;
    private Path skills;

    @BeforeEach
    void setUp() {
        store = Store.open(dir.resolve("pincer.db"));
        book = new ProposalBook(store, ProposalBookTest.CLOCK);
        skills = dir.resolve("home").resolve("skills");
        review = new ProposalReview(book, skills);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aPendingProposalIsWrittenNowhereUntilApproved() throws IOException {
        Proposal p = book.propose("cli", List.of("fetch", "save"), 3).orElseThrow();
        assertThat(skills).doesNotExist();

        ProposalReview.Approved approved = review.approve(p.id(), "ada");

        assertThat(approved.file()).isEqualTo(skills.resolve("fetch-save").resolve("SKILL.md"));
        assertThat(Files.readString(approved.file())).isEqualTo(p.skillMd());
        assertThat(approved.proposal().state()).isEqualTo(Proposal.State.APPROVED);
        assertThat(approved.proposal().decidedBy()).isEqualTo("ada");
        try (var files = Files.list(skills.resolve("fetch-save"))) {
            assertThat(files).containsExactly(approved.file());
        }
    }

    @Test
    void refusesToOverwriteAnExistingSkillFolderAndStaysPending() throws IOException {
        Proposal p = book.propose("cli", List.of("fetch", "save"), 3).orElseThrow();
        Path mine = Files.createDirectories(skills.resolve("fetch-save"));
        Files.writeString(mine.resolve("SKILL.md"), "my own");

        assertThatThrownBy(() -> review.approve(p.id(), "ada")).isInstanceOfSatisfying(PincerException.class, e -> {
            assertThat(e.code()).isEqualTo("skills.skill-exists");
            assertThat(e.getMessage())
                    .isEqualTo("cannot approve proposal " + p.id() + ": the skill folder " + mine
                            + " already exists, and Pincer does not overwrite a skill; nothing was written and the"
                            + " proposal is still pending");
            assertThat(e.hint()).endsWith("`pincer skills reject " + p.id() + "`");
        });
        assertThat(Files.readString(mine.resolve("SKILL.md"))).isEqualTo("my own");
        assertThat(book.find(p.id()).orElseThrow().state()).isEqualTo(Proposal.State.PENDING);
    }

    @Test
    void aFailedWriteLeavesNoFolderAndTheProposalPending() throws IOException {
        Proposal p = book.propose("cli", List.of("fetch", "save"), 3).orElseThrow();
        Files.createDirectories(skills.getParent());
        Files.writeString(skills, "a file where the skills folder should be");

        assertThatThrownBy(() -> review.approve(p.id(), "ada"))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("skills.proposal-write"))
                .hasMessageContaining("the proposal is still pending");
        assertThat(book.find(p.id()).orElseThrow().state()).isEqualTo(Proposal.State.PENDING);
    }

    @Test
    void rejectingWritesNothingAndCannotBeUndoneByApproving() {
        Proposal p = book.propose("cli", List.of("fetch", "save"), 3).orElseThrow();

        Proposal rejected = review.reject(p.id(), "bo");

        assertThat(rejected.state()).isEqualTo(Proposal.State.REJECTED);
        assertThat(rejected.decidedBy()).isEqualTo("bo");
        assertThat(skills).doesNotExist();
        assertThatThrownBy(() -> review.approve(p.id(), "ada"))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("skills.proposal-decided"))
                .hasMessage("proposal " + p.id() + " ('fetch-save') was already rejected by bo at "
                        + ProposalBookTest.NOW + "; nothing changed");
        assertThat(skills).doesNotExist();
    }

    @Test
    void anUnknownIdSaysWhichProposalsArePending() {
        Proposal a = book.propose("cli", List.of("fetch", "save"), 3).orElseThrow();
        Proposal b = book.propose("cli", List.of("read", "write"), 3).orElseThrow();

        assertThatThrownBy(() -> review.reject(42, "ada"))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("skills.proposal-unknown");
                    assertThat(e.hint()).isEqualTo("`pincer skills proposals --all` lists every proposal with its id");
                })
                .hasMessage("no skill proposal has the id 42; pending: " + a.id() + " (fetch-save), " + b.id()
                        + " (read-write)");
        review.reject(a.id(), "ada");
        review.reject(b.id(), "ada");
        assertThatThrownBy(() -> review.approve(42, "ada"))
                .hasMessage("no skill proposal has the id 42; there is no pending proposal");
    }
}
