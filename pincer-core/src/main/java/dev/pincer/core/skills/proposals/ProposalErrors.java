package dev.pincer.core.skills.proposals;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the failures of {@link ProposalReview}, each saying what was wrong and what to do.
 *
 * <p>Stateless.
 */
final class ProposalErrors {

    /** How many pending proposals a message names. */
    private static final int NAMED = 10;

    private ProposalErrors() {}

    static PincerException unknown(long id, List<Proposal> pending) {
        String existing = pending.isEmpty()
                ? "there is no pending proposal"
                : "pending: " + ProposalReview.listed(pending.subList(0, Math.min(NAMED, pending.size())))
                        + (pending.size() > NAMED ? " and " + (pending.size() - NAMED) + " more" : "");
        return new PincerException(
                "skills.proposal-unknown",
                null,
                null,
                "no skill proposal has the id " + id + "; " + existing,
                "`pincer skills proposals --all` lists every proposal with its id");
    }

    static PincerException decided(Proposal p) {
        return new PincerException(
                "skills.proposal-decided",
                null,
                null,
                "proposal " + p.id() + " ('" + p.name() + "') was already "
                        + p.state().label() + " by " + p.decidedBy() + " at " + p.decidedAt() + "; nothing changed",
                "only a pending proposal can be approved or rejected; `pincer skills proposals` lists them");
    }

    static PincerException skillExists(Proposal p, Path folder) {
        return new PincerException(
                "skills.skill-exists",
                null,
                folder,
                "cannot approve proposal " + p.id() + ": the skill folder " + folder
                        + " already exists, and Pincer does not overwrite a skill; nothing was written and the"
                        + " proposal is still pending",
                "move or remove that folder and approve again, or reject the proposal with `pincer skills reject "
                        + p.id() + "`");
    }

    static PincerException cannotWrite(Proposal p, Path path, IOException cause) {
        PincerException e = new PincerException(
                "skills.proposal-write",
                null,
                path,
                "cannot approve proposal " + p.id() + ": writing " + path + " failed (" + cause
                        + "); the proposal is still pending",
                "check that " + path.getParent() + " is a writable folder, then approve again");
        e.initCause(cause);
        return e;
    }
}
