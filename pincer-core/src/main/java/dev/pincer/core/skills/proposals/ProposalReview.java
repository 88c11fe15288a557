package dev.pincer.core.skills.proposals;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Carries out a person's decision on a proposal. Approving writes the proposal's {@code SKILL.md}
 * to {@code <skills root>/<name>/SKILL.md} (atomically) and only then marks it approved; a skill
 * folder of that name already there is never overwritten. Rejecting marks it rejected and writes
 * nothing. Only a pending proposal can be decided.
 *
 * <p>Thread-safe: two people approving the same proposal at once get one skill and one refusal.
 *
 * @since 0.1.0
 */
public final class ProposalReview {

    private final ProposalBook book;
    private final Path skillsRoot;

    /** Creates a review that writes approved skills under {@code skillsRoot} ({@code $PINCER_HOME/skills}). */
    public ProposalReview(ProposalBook book, Path skillsRoot) {
        this.book = Objects.requireNonNull(book, "book");
        this.skillsRoot = skillsRoot.toAbsolutePath().normalize();
    }

    /**
     * Approves the pending proposal {@code id} on behalf of {@code by}: writes its {@code SKILL.md}
     * into a new skill folder, then marks it approved.
     *
     * @return the approved proposal and the file written
     * @throws PincerException {@code skills.proposal-unknown} for an id that names no proposal,
     *     {@code skills.proposal-decided} for one already approved or rejected, {@code
     *     skills.skill-exists} when the skill folder exists, {@code skills.proposal-write} when the
     *     file cannot be written; in each case nothing was written and the proposal is unchanged
     */
    public Approved approve(long id, String by) {
        Proposal proposal = pending(id);
        Path folder = skillsRoot.resolve(proposal.name());
        Path file = folder.resolve("SKILL.md");
        try {
            Files.createDirectories(skillsRoot);
        } catch (IOException e) {
            throw ProposalErrors.cannotWrite(proposal, skillsRoot, e);
        }
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            throw ProposalErrors.skillExists(proposal, folder);
        } catch (IOException e) {
            throw ProposalErrors.cannotWrite(proposal, folder, e);
        }
        try {
            AtomicFiles.write(file, proposal.skillMd().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            PincerException failure = ProposalErrors.cannotWrite(proposal, file, e);
            undo(folder, file, failure);
            throw failure;
        }
        Proposal approved;
        try {
            approved = book.decide(id, Proposal.State.APPROVED, by)
                    .orElseThrow(() -> ProposalErrors.decided(book.find(id).orElse(proposal)));
        } catch (RuntimeException e) {
            undo(folder, file, e);
            throw e;
        }
        return new Approved(approved, file);
    }

    /**
     * Rejects the pending proposal {@code id} on behalf of {@code by}; its sequence is never
     * proposed again.
     *
     * @return the rejected proposal
     * @throws PincerException {@code skills.proposal-unknown} or {@code skills.proposal-decided},
     *     as {@link #approve}
     */
    public Proposal reject(long id, String by) {
        Proposal proposal = pending(id);
        return book.decide(id, Proposal.State.REJECTED, by)
                .orElseThrow(() -> ProposalErrors.decided(book.find(id).orElse(proposal)));
    }

    private Proposal pending(long id) {
        Proposal proposal = book.find(id).orElseThrow(() -> ProposalErrors.unknown(id, book.pending()));
        if (proposal.state() != Proposal.State.PENDING) {
            throw ProposalErrors.decided(proposal);
        }
        return proposal;
    }

    /** Removes the file and the folder this approval created, keeping a failure to do so as suppressed. */
    private static void undo(Path folder, Path file, Throwable failure) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * What an approval did.
     *
     * @param proposal the proposal, now approved
     * @param file the {@code SKILL.md} written
     */
    public record Approved(Proposal proposal, Path file) {

        public Approved {
            Objects.requireNonNull(proposal, "proposal");
            Objects.requireNonNull(file, "file");
        }
    }

    /** Returns the ids and names of {@code proposals}, for messages: {@code 1 (a-b-c), 2 (x-y)}. */
    static String listed(List<Proposal> proposals) {
        return String.join(
                ", ",
                proposals.stream().map(p -> p.id() + " (" + p.name() + ")").toList());
    }
}
