package dev.pincer.core.store;

import java.util.List;

/**
 * The schema of {@code pincer.db}, as an ordered list of migration steps. A new version appends a
 * step; a released step is never edited, because databases out there already ran it.
 *
 * <p>Stateless.
 */
final class Schema {

    /** Every step, in order; the last one's version is the version this code writes. */
    static final List<Migration> MIGRATIONS = Migration.ordered(List.of(
            new Migration(
                    1,
                    "approvals, installs and audit tables",
                    List.of(
                            """
                    CREATE TABLE approvals (
                        plugin_id TEXT NOT NULL,
                        version TEXT NOT NULL,
                        permissions TEXT NOT NULL,
                        approved_at INTEGER NOT NULL,
                        approved_by TEXT NOT NULL,
                        PRIMARY KEY (plugin_id, version))
                    """,
                            """
                    CREATE TABLE installs (
                        plugin_id TEXT PRIMARY KEY,
                        version TEXT NOT NULL,
                        source TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        digest TEXT,
                        commit_id TEXT,
                        path TEXT NOT NULL,
                        installed_at INTEGER NOT NULL)
                    """,
                            """
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        plugin_id TEXT,
                        kind TEXT NOT NULL,
                        action TEXT NOT NULL,
                        target TEXT,
                        decision TEXT NOT NULL,
                        reason TEXT,
                        digest TEXT,
                        duration_us INTEGER,
                        outcome TEXT,
                        cost TEXT)
                    """,
                            "CREATE INDEX audit_at ON audit (at)",
                            "CREATE INDEX audit_plugin_at ON audit (plugin_id, at)")),
            new Migration(
                    2,
                    "skill proposals table",
                    List.of(
                            """
                            CREATE TABLE skill_proposals (
                                id INTEGER PRIMARY KEY AUTOINCREMENT,
                                name TEXT NOT NULL UNIQUE,
                                sequence TEXT NOT NULL UNIQUE,
                                skill_md TEXT NOT NULL,
                                state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
                                actor TEXT NOT NULL,
                                seen INTEGER NOT NULL,
                                created_at INTEGER NOT NULL,
                                decided_at INTEGER,
                                decided_by TEXT)
                            """)),
            // seq is the rowid the full-text index points at: an INTEGER PRIMARY KEY, because
            // VACUUM may renumber an implicit rowid and the index would then point at the
            // wrong rows. The triggers keep the index in the same transaction as the table.
            new Migration(
                    3,
                    "memories table and its full-text index",
                    List.of(
                            """
                            CREATE TABLE memories (
                                seq INTEGER PRIMARY KEY,
                                id TEXT NOT NULL UNIQUE,
                                session_id TEXT,
                                text TEXT NOT NULL,
                                metadata TEXT NOT NULL CHECK (json_valid(metadata)),
                                created_at INTEGER NOT NULL)
                            """,
                            """
                            CREATE VIRTUAL TABLE memories_fts USING fts5(
                                text,
                                content = 'memories',
                                content_rowid = 'seq',
                                tokenize = 'unicode61 remove_diacritics 2')
                            """,
                            """
                            CREATE TRIGGER memories_insert AFTER INSERT ON memories BEGIN
                                INSERT INTO memories_fts (rowid, text) VALUES (new.seq, new.text);
                            END
                            """,
                            """
                            CREATE TRIGGER memories_delete AFTER DELETE ON memories BEGIN
                                INSERT INTO memories_fts (memories_fts, rowid, text) VALUES ('delete', old.seq, old.text);
                            END
                            """,
                            """
                            CREATE TRIGGER memories_update AFTER UPDATE ON memories BEGIN
                                INSERT INTO memories_fts (memories_fts, rowid, text) VALUES ('delete', old.seq, old.text);
                                INSERT INTO memories_fts (rowid, text) VALUES (new.seq, new.text);
                            END
                            """)),
            // The branch or tag a git install follows, so that an update fetches the same one.
            new Migration(4, "the git ref of an install", List.of("ALTER TABLE installs ADD COLUMN ref TEXT"))));

    private Schema() {}

    /** Returns the version this code writes. */
    static int latest() {
        return MIGRATIONS.size();
    }
}
