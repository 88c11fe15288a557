package dev.pincer.core.skills.proposals;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.config.SkillSettings;
import dev.pincer.core.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Watches the audit stream for repeated sequences of tool calls and proposes each as a skill:
 * passes every event on to the sink it wraps, and feeds the allowed, completed tool calls of each
 * caller ({@link AuditEvent#actor()}) to a {@link SequenceDetector}.
 *
 * <p>A pause of more than {@link #DEFAULT_GAP} between two calls breaks a sequence. The first call
 * of a caller this process has not seen starts from that caller's earlier calls in the audit log,
 * so calls made by earlier processes count too. A sequence already in the {@link ProposalBook}
 * (pending, approved or rejected) is never proposed again, and calls that repeat it take part in
 * no other sequence.
 *
 * <p>Thread-safe. Never throws from {@link #record}: a failure to propose is told to the problem
 * sink, and the event still reaches the wrapped sink.
 *
 * @since 0.1.0
 */
public final class ProposalWatcher implements AuditSink {

    /** The longest pause between two calls of one sequence. */
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(10);

    private final AuditSink delegate;
    private final ProposalBook book;
    private final SequenceDetector detector;
    private final Function<String, List<SequenceDetector.Call>> history;
    private final Consumer<Proposal> proposed;
    private final Consumer<String> problems;
    private final AtomicBoolean loaded = new AtomicBoolean();

    ProposalWatcher(
            AuditSink delegate,
            ProposalBook book,
            SequenceDetector detector,
            Function<String, List<SequenceDetector.Call>> history,
            Consumer<Proposal> proposed,
            Consumer<String> problems) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.book = Objects.requireNonNull(book, "book");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.history = Objects.requireNonNull(history, "history");
        this.proposed = Objects.requireNonNull(proposed, "proposed");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /**
     * Returns {@code delegate} itself when {@code settings} leave proposals off (the default), else
     * a sink that passes every event to {@code delegate} and proposes repeated sequences into
     * {@code book}.
     *
     * @param store where earlier calls are read from (the audit table)
     * @param proposed told about each new proposal, on the thread that made the call
     * @param problems told, in one sentence, when proposing fails; should not block
     */
    public static AuditSink around(
            AuditSink delegate,
            SkillSettings settings,
            Store store,
            ProposalBook book,
            Consumer<Proposal> proposed,
            Consumer<String> problems) {
        if (!settings.proposals()) {
            return delegate;
        }
        SequenceDetector detector = new SequenceDetector(
                settings.proposalLength(), settings.proposalRepeats(), DEFAULT_GAP, SequenceDetector.MAX_ACTORS);
        CallHistory calls = new CallHistory(store);
        return new ProposalWatcher(
                delegate, book, detector, actor -> calls.recent(actor, detector.window()), proposed, problems);
    }

    @Override
    public void record(AuditEvent event) {
        try {
            if (counts(event)) {
                loadKnownSequences();
                detector.observe(event.actor(), event.action(), event.at(), () -> history.apply(event.actor()))
                        .ifPresent(this::propose);
            }
        } catch (RuntimeException e) {
            problems.accept("could not check tool call '" + event.action() + "' by " + event.actor()
                    + " for a repeated sequence: " + e.getMessage());
        } finally {
            delegate.record(event);
        }
    }

    /** Tells the detector, once, every sequence the store holds a proposal for. */
    private void loadKnownSequences() {
        if (loaded.compareAndSet(false, true)) {
            try {
                book.sequences().forEach(detector::claim);
            } catch (RuntimeException e) {
                loaded.set(false);
                throw e;
            }
        }
    }

    private void propose(Sighting sighting) {
        book.propose(sighting.actor(), sighting.sequence(), sighting.seen()).ifPresent(proposed);
    }

    /** Returns whether {@code event} is a tool call that was allowed and completed without an error result. */
    private static boolean counts(AuditEvent event) {
        return event.kind() == AuditEvent.Kind.TOOL
                && event.decision() == AuditEvent.Decision.ALLOWED
                && "completed".equals(event.outcome());
    }
}
