package dev.workstate.storage.sqlite.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.workstate.WorkstateConfig;
import dev.workstate.storage.jdbc.ChangeProbe;
import dev.workstate.storage.jdbc.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite specifics: WAL, foreign keys on, a busy timeout and {@code synchronous=NORMAL} on every connection;
 * {@code BEGIN IMMEDIATE} write transactions (the write lock is taken up front, so concurrent writers queue instead of
 * failing on a lock upgrade), FTS5 search ranked by bm25, and result-code based error classification.
 *
 * <p>Immutable; thread-safe.
 */
public final class SqliteDialect implements Dialect {
    /** How long a writer waits for another process's write lock before the store reports itself unavailable. */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

    private final Path file;

    public SqliteDialect(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** Beside the database file: {@code workstate.db.mirror/}. */
    @Override
    public java.util.Optional<Path> mirrorJournalDirectory() {
        return java.util.Optional.of(file.resolveSibling(file.getFileName() + ".mirror"));
    }

    public Path file() {
        return file;
    }

    @Override
    public String layer() {
        return "sqlite";
    }

    @Override
    public HikariConfig poolConfig(WorkstateConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("workstate-sqlite");
        hc.setDriverClassName("org.sqlite.JDBC");
        hc.setJdbcUrl("jdbc:sqlite:" + file);
        hc.addDataSourceProperty("journal_mode", "WAL");
        hc.addDataSourceProperty("synchronous", "NORMAL");
        hc.addDataSourceProperty("foreign_keys", "true");
        hc.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT.toMillis()));
        // Nothing reads generated keys (ids are UUIDs; audit/outbox seq are never read back), and with this on the
        // driver matches every executed statement against a regex and runs SELECT last_insert_rowid() after each
        // INSERT: ~5 % of a mirrored write.
        hc.addDataSourceProperty("jdbc.get_generated_keys", "false");
        // Readers run concurrently under WAL; writers of this process queue on JdbcStore's lock, so a few suffice.
        hc.setMaximumPoolSize(Math.max(2, Math.min(config.poolSize(), 8)));
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        // Waiting for a pooled connection of a local file is never a connectivity failure; give it the busy timeout.
        hc.setConnectionTimeout(Math.max(config.connectTimeout().toMillis(), BUSY_TIMEOUT.toMillis()));
        hc.setInitializationFailTimeout(-1);
        return hc;
    }

    @Override
    public String location() {
        return file.getFileName().toString();
    }

    @Override
    public void begin(Connection c) throws SQLException {
        exec(c, beginSql());
    }

    @Override
    public void commit(Connection c) throws SQLException {
        exec(c, commitSql());
    }

    /** SQLite compiles statements in-process, and closing a connection finalizes its statements. */
    @Override
    public boolean keepsPreparedStatements() {
        return true;
    }

    @Override
    public boolean pagesWalkListOrder() {
        return true;
    }

    @Override
    public String beginSql() {
        return "BEGIN IMMEDIATE";
    }

    @Override
    public String commitSql() {
        return "COMMIT";
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            return;
        }
        exec(c, "ROLLBACK");
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public boolean serializeWrites() {
        return true;
    }

    @Override
    public boolean failedStatementAbortsTransaction() {
        return false;
    }

    /** {@code PRAGMA data_version} on a read-only connection of its own: see {@link SqliteDataVersionProbe}. */
    @Override
    public ChangeProbe openChangeProbe() throws SQLException {
        return SqliteDataVersionProbe.open(file, (int) BUSY_TIMEOUT.toMillis());
    }

    @Override
    public Failure classify(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            String name = code == null ? "" : code.name();
            if (name.equals("SQLITE_CONSTRAINT_UNIQUE") || name.equals("SQLITE_CONSTRAINT_PRIMARYKEY")) {
                return Failure.UNIQUE_VIOLATION;
            }
            if (name.equals("SQLITE_CONSTRAINT_FOREIGNKEY")) {
                return Failure.FOREIGN_KEY_VIOLATION;
            }
            if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")
                    || name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_IOERR")
                    || name.startsWith("SQLITE_READONLY") || name.startsWith("SQLITE_FULL")
                    || name.startsWith("SQLITE_PERM") || name.startsWith("SQLITE_NOTADB")
                    || name.startsWith("SQLITE_PROTOCOL") || name.startsWith("SQLITE_NOLFS")
                    || name.startsWith("SQLITE_AUTH")) {
                return Failure.UNAVAILABLE;
            }
            return Failure.OTHER;
        }
        if (e instanceof SQLTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"))
                || (e.getMessage() != null && e.getMessage().contains("has been closed"))) {
            return Failure.UNAVAILABLE;
        }
        return Failure.OTHER;
    }

    @Override
    public String reason(SQLException e) {
        if (e instanceof SQLiteException se && se.getResultCode() != null) {
            String name = se.getResultCode().name();
            if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")) {
                return "database file is locked by another process";
            }
            if (name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_PERM")) {
                return "cannot open the database file";
            }
            if (name.startsWith("SQLITE_READONLY")) {
                return "database file is read-only";
            }
            if (name.startsWith("SQLITE_FULL")) {
                return "disk full";
            }
            if (name.startsWith("SQLITE_NOTADB")) {
                return "file is not a Workstate database";
            }
            return "database file cannot be read or written";
        }
        return "database file not available";
    }

    @Override
    public SearchSql search(List<String> words) {
        // Words are letters/digits only; quoting keeps FTS5 from reading one as an operator (AND, NEAR, column:).
        String match = words.stream().map(w -> '"' + w + '"').collect(Collectors.joining(" "));
        return new SearchSql("JOIN (SELECT rowid AS fts_rid, bm25(work_items_fts) AS fts_rank FROM work_items_fts"
                + " WHERE work_items_fts MATCH #{search}) s ON s.fts_rid = w.rid", null, "s.fts_rank", match);
    }

    @Override
    public Duration statementTimeout(WorkstateConfig config) {
        // sqlite-jdbc implements query timeouts by resetting the busy timeout; keep ours.
        return null;
    }
}
