package dev.pincer.core.skills.proposals;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.skills.SkillNames;
import dev.pincer.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps skill proposals in the store's {@code skill_proposals} table. A sequence is proposed at
 * most once, ever: the table keeps rejected proposals too, and refuses a second row for the same
 * sequence. Names are unique among proposals: a name already taken gets {@code -2}, {@code -3}, …
 *
 * <p>Thread-safe, as the store is; several processes may share it.
 *
 * @since 0.1.0
 */
public final class ProposalBook {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, name, sequence, skill_md, state, actor, seen, created_at, decided_at, decided_by";

    private final Store store;
    private final Clock clock;

    /** Creates the book over {@code store}; {@code clock} dates proposals and decisions. */
    public ProposalBook(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds a pending proposal for {@code sequence}, seen {@code seen} times in {@code actor}'s
     * calls, unless that sequence was proposed before (whatever became of it).
     *
     * @return the new proposal, or empty when the sequence was proposed before
     * @throws dev.pincer.core.diagnostics.PincerException {@code store.write} when the store fails
     */
    public Optional<Proposal> propose(String actor, List<String> sequence, int seen) {
        Objects.requireNonNull(actor, "actor");
        List<String> tools = List.copyOf(sequence);
        String key = JSON.writeValueAsString(tools);
        Instant now = clock.instant();
        return store.write(c -> {
            if (exists(c, "sequence", key)) {
                return Optional.empty();
            }
            String base = SkillNames.derive(tools);
            String name = base;
            for (int n = 2; exists(c, "name", name); n++) {
                name = SkillNames.numbered(base, n);
            }
            String text = SkillText.render(name, tools, seen);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO skill_proposals"
                    + " (name, sequence, skill_md, state, actor, seen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, key);
                insert.setString(3, text);
                insert.setString(4, Proposal.State.PENDING.label());
                insert.setString(5, actor);
                insert.setInt(6, seen);
                insert.setLong(7, now.toEpochMilli());
                insert.executeUpdate();
            }
            long id = lastId(c);
            return Optional.of(new Proposal(
                    id, name, tools, text, Proposal.State.PENDING, actor, seen, truncated(now), null, null));
        });
    }

    /** Returns whether {@code sequence} was ever proposed. */
    public boolean knows(List<String> sequence) {
        String key = JSON.writeValueAsString(List.copyOf(sequence));
        return store.read(c -> exists(c, "sequence", key));
    }

    /** Returns the sequences of every proposal, pending, approved or rejected. */
    public List<List<String>> sequences() {
        return store.read(c -> {
            List<List<String>> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT sequence FROM skill_proposals ORDER BY id");
                    ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    out.add(JSON.readValue(r.getString(1), STRINGS));
                }
            }
            return out;
        });
    }

    /** Returns the proposal numbered {@code id}, if there is one. */
    public Optional<Proposal> find(long id) {
        return store.read(c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM skill_proposals WHERE id = ?")) {
                select.setLong(1, id);
                return rows(select).stream().findFirst();
            }
        });
    }

    /** Returns the pending proposals, oldest first. */
    public List<Proposal> pending() {
        return select("WHERE state = 'pending' ORDER BY id");
    }

    /** Returns every proposal, pending, approved or rejected, oldest first. */
    public List<Proposal> all() {
        return select("ORDER BY id");
    }

    /**
     * Moves the pending proposal {@code id} to {@code state}, decided by {@code by} now, and
     * records the decision in the audit log in the same transaction.
     *
     * @return the decided proposal, or empty when {@code id} is unknown or no longer pending
     */
    Optional<Proposal> decide(long id, Proposal.State state, String by) {
        if (state == Proposal.State.PENDING) {
            throw new IllegalArgumentException("a decision approves or rejects; it cannot make a proposal pending");
        }
        Objects.requireNonNull(by, "by");
        Instant now = clock.instant();
        return store.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE skill_proposals"
                    + " SET state = ?, decided_at = ?, decided_by = ? WHERE id = ? AND state = 'pending'")) {
                update.setString(1, state.label());
                update.setLong(2, now.toEpochMilli());
                update.setString(3, by);
                update.setLong(4, id);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            Proposal decided;
            try (PreparedStatement select =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM skill_proposals WHERE id = ?")) {
                select.setLong(1, id);
                decided = rows(select).get(0);
            }
            String action = state == Proposal.State.APPROVED ? "approve-skill" : "reject-skill";
            AuditLog.insertIn(
                    c,
                    new AuditEvent(
                            now,
                            by,
                            null,
                            AuditEvent.Kind.APPROVAL,
                            action,
                            decided.name() + " (proposal " + id + ")",
                            AuditEvent.Decision.ALLOWED,
                            null,
                            null,
                            null,
                            null,
                            null));
            return Optional.of(decided);
        });
    }

    private List<Proposal> select(String tail) {
        return store.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM skill_proposals " + tail)) {
                return rows(select);
            }
        });
    }

    private static boolean exists(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM skill_proposals WHERE " + column + " = ?")) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static long lastId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_insert_rowid()");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<Proposal> rows(PreparedStatement select) throws SQLException {
        List<Proposal> out = new ArrayList<>();
        try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
                long decided = r.getLong("decided_at");
                boolean undecided = r.wasNull();
                out.add(new Proposal(
                        r.getLong("id"),
                        r.getString("name"),
                        JSON.readValue(r.getString("sequence"), STRINGS),
                        r.getString("skill_md"),
                        Proposal.State.of(r.getString("state")),
                        r.getString("actor"),
                        r.getInt("seen"),
                        Instant.ofEpochMilli(r.getLong("created_at")),
                        undecided ? null : Instant.ofEpochMilli(decided),
                        r.getString("decided_by")));
            }
        }
        return out;
    }

    private static Instant truncated(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli());
    }
}
