package dev.workstate.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.workstate.WorkstateConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What differs between the databases {@link JdbcStore} runs on: how the pool connects, how a write transaction starts,
 * how full-text search is expressed, and which SQL failures mean "the database is unreachable".
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Dialect {

    /** The layer name reported by the store: {@code sqlite} or {@code postgres}. */
    String layer();

    /** The pool settings (JDBC URL, credentials, sizes, timeouts) for {@code config}. */
    HikariConfig poolConfig(WorkstateConfig config);

    /** Where the data lives, safe to show clients: a file name or host/database, never a password or full path. */
    String location();

    /**
     * Where this database keeps its mirror journal as files ({@code FileMirrorJournal}: a mirrored write then costs
     * the caller one file write instead of a commit), or empty to keep it in the table {@code mirror_journal}.
     */
    default java.util.Optional<java.nio.file.Path> mirrorJournalDirectory() {
        return java.util.Optional.empty();
    }

    /** Schema the tables live in (PostgreSQL), or null for the connection's default. */
    default String schema() {
        return null;
    }

    /** Starts a write transaction on an auto-commit connection (SQLite: {@code BEGIN IMMEDIATE}). */
    void begin(Connection connection) throws SQLException;

    void commit(Connection connection) throws SQLException;

    void rollback(Connection connection) throws SQLException;

    /**
     * Whether the store may keep the fixed statements of its writes (transaction begin/commit, work item
     * insert/update, audit insert) prepared on each pooled connection for the connection's life, instead of
     * preparing them in every transaction. Worth it where preparing is expensive in the client (SQLite compiles the
     * statement and its triggers in-process) and safe where the driver finalizes a connection's statements when it
     * closes.
     */
    default boolean keepsPreparedStatements() {
        return false;
    }

    /**
     * The one statement that does {@link #begin}, run through a kept statement when
     * {@link #keepsPreparedStatements()}; null to always call {@link #begin}.
     */
    default String beginSql() {
        return null;
    }

    /** As {@link #beginSql()}, for {@link #commit}. */
    default String commitSql() {
        return null;
    }

    /**
     * Whether one statement can change two tables (a data-modifying {@code WITH}, PostgreSQL). The store then writes a
     * versioned work-item update and its audit event, asked for outside a transaction, as one auto-committed statement:
     * one round trip instead of begin + update, insert and commit, and atomic on its own.
     */
    default boolean writesTwoTablesInOneStatement() {
        return false;
    }

    /**
     * Whether a filtered page of work items must be told not to use an index on its type and status filters, so that
     * the planner walks the live-items index in list order and stops after the page instead of fetching and sorting
     * every match. SQLite's planner (no statistics) prefers the equality index, whose worst case grows with the number
     * of matches; the walk is bounded by one pass over an index. The count keeps using the equality index.
     */
    default boolean pagesWalkListOrder() {
        return false;
    }

    /**
     * Whether write transactions of one process should queue on an in-process lock before starting (SQLite has one
     * writer per file; waiting on a Java lock is far cheaper than SQLite's busy-sleep loop).
     */
    boolean serializeWrites();

    /**
     * Whether a failed statement poisons the rest of its transaction (PostgreSQL), so a mutation applied inside a
     * larger transaction runs under a savepoint and a domain failure (duplicate, conflict) leaves the transaction usable.
     */
    boolean failedStatementAbortsTransaction();

    /**
     * Serialises changes of the dependency graph: called at the start of every {@code InsertDependency}, inside its
     * transaction. The service inserts a link, then re-checks duplicates and cycles in the same transaction; that is
     * only race-free if two such transactions cannot both pass the re-check before either commits. SQLite already
     * runs one writer at a time (no-op); PostgreSQL under READ COMMITTED should take a transaction-scoped lock, e.g.
     * {@code SELECT pg_advisory_xact_lock(<constant>)}, released at commit or rollback.
     */
    default void lockDependencyGraph(Connection connection) throws SQLException {
    }

    /**
     * Serialises re-parenting: called with {@code exclusive} at the start of every {@code MoveSubtree}, and shared
     * before a child work item is inserted, inside their transactions. The service re-checks the new parent's path
     * after the move or insert; under READ COMMITTED two crossing moves (A under B, B under A) or a create under an
     * item that is being moved could otherwise both pass their re-checks and leave a cycle or a stale path. Shared
     * holders (creates) do not wait for each other. SQLite runs one writer at a time (no-op).
     */
    default void lockHierarchy(Connection connection, boolean exclusive) throws SQLException {
    }

    /**
     * Opens a {@link ChangeProbe} that sees commits of every connection and process, or returns null when the database
     * offers no cheap one (then the store caches nothing). Called lazily, on the first cacheable read.
     */
    default ChangeProbe openChangeProbe() throws SQLException {
        return null;
    }

    /** Classifies a SQL failure; only {@link Failure#UNAVAILABLE} becomes {@code STORAGE_UNAVAILABLE}. */
    Failure classify(SQLException e);

    /** A short client-safe reason for an {@link Failure#UNAVAILABLE} failure (no SQL, paths or credentials). */
    default String reason(SQLException e) {
        return "database unreachable";
    }

    /**
     * SQL fragments of a full-text match of {@code words} (already lower-cased whole words, letters and digits only,
     * at least one) against the work item aliased {@code w}. Fragments refer to the bound query as {@code #{search}}.
     */
    SearchSql search(List<String> words);

    /** Per-statement timeout, or null for none. */
    default Duration statementTimeout(WorkstateConfig config) {
        return config.statementTimeout();
    }

    /** The kinds of SQL failure the store tells apart. */
    enum Failure {
        /** The database cannot be reached or used right now (connection refused, broken, timed out, locked). */
        UNAVAILABLE,
        UNIQUE_VIOLATION,
        FOREIGN_KEY_VIOLATION,
        /** Anything else: a bug or a corrupt database, reported as INTERNAL. */
        OTHER
    }

    /**
     * A full-text match: {@code join} is appended after {@code FROM work_items w} (may be empty), {@code where} is ANDed
     * into the filter (may be null), {@code rankOrder} is the leading ORDER BY term (best first), and {@code parameter}
     * is bound as {@code #{search}}.
     */
    record SearchSql(String join, String where, String rankOrder, String parameter) {
    }
}
