package dev.workstate.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements kept per connection: reused across transactions of one connection, never shared between connections,
 * re-prepared after a failure, finalized with their connection and forgotten once it is closed, and always reading the
 * committed state of other connections (a kept statement caches no data).
 */
class KeptStatementsTest {
    private static final String INSERT = "INSERT INTO t (id, v) VALUES (?, ?)";
    private static final String BUMP = "UPDATE t SET v = v + 1 WHERE id = ? AND v = ?";

    @TempDir
    Path dir;

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kept.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, v INTEGER NOT NULL)");
        }
        return c;
    }

    private static int run(KeptStatements kept, Connection c, String sql, String id, long v) throws SQLException {
        PreparedStatement ps = kept.get(c, sql);
        ps.setString(1, id);
        ps.setLong(2, v);
        return ps.executeUpdate();
    }

    private static long value(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void oneConnectionReusesItsStatementAcrossTransactionsAndAnotherConnectionGetsItsOwn() throws SQLException {
        KeptStatements kept = new KeptStatements();
        try (Connection a = open(); Connection b = open()) {
            PreparedStatement first = kept.get(a, INSERT);
            kept.execute(a, "BEGIN IMMEDIATE");
            run(kept, a, INSERT, "x", 1);
            kept.execute(a, "COMMIT");
            kept.execute(a, "BEGIN IMMEDIATE");
            run(kept, a, INSERT, "y", 1);
            kept.execute(a, "COMMIT");

            assertThat(kept.get(a, INSERT)).isSameAs(first);
            assertThat(kept.get(b, INSERT)).isNotSameAs(first);
            assertThat(kept.connections()).isEqualTo(2);
            assertThat(value(b, "y")).isEqualTo(1);
        }
    }

    @Test
    void aKeptUpdateSeesWhatAnotherConnectionCommittedInBetween() throws SQLException {
        KeptStatements kept = new KeptStatements();
        try (Connection a = open(); Connection other = open()) {
            run(kept, a, INSERT, "x", 1);
            assertThat(run(kept, a, BUMP, "x", 1)).isEqualTo(1);

            // another writer (as another process would) moves the row on
            try (Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE t SET v = 10 WHERE id = 'x'");
            }

            assertThat(run(kept, a, BUMP, "x", 2)).as("stale expected value").isZero();
            assertThat(run(kept, a, BUMP, "x", 10)).isEqualTo(1);
            assertThat(value(other, "x")).isEqualTo(11);
        }
    }

    @Test
    void aFailedStatementIsReplacedAndTheConnectionStaysUsable() throws SQLException {
        KeptStatements kept = new KeptStatements();
        try (Connection a = open()) {
            run(kept, a, INSERT, "x", 1);
            PreparedStatement before = kept.get(a, INSERT);
            assertThatThrownBy(() -> {
                try {
                    run(kept, a, INSERT, "x", 2);
                } catch (SQLException e) {
                    kept.discard(a, INSERT);
                    throw e;
                }
            }).isInstanceOf(SQLException.class);
            assertThat(before.isClosed()).isTrue();

            assertThat(kept.get(a, INSERT)).isNotSameAs(before);
            assertThat(run(kept, a, INSERT, "y", 1)).isEqualTo(1);

            assertThatThrownBy(() -> kept.execute(a, "COMMIT")).as("no transaction open").isInstanceOf(SQLException.class);
            kept.execute(a, "BEGIN IMMEDIATE");
            run(kept, a, INSERT, "z", 1);
            kept.execute(a, "COMMIT");
            assertThat(value(a, "z")).isEqualTo(1);
        }
    }

    @Test
    void closingAConnectionFinalizesItsStatementsAndTheyAreForgottenWhenANewConnectionComes() throws SQLException {
        KeptStatements kept = new KeptStatements();
        Connection a = open();
        assertThat(run(kept, a, INSERT, "w", 1)).isEqualTo(1);
        PreparedStatement ps = kept.get(a, INSERT);
        a.close();
        // SQLite only checkpoints and removes the WAL when the last connection closes with no statement left
        // unfinalized: the driver finalized the kept one
        assertThat(dir.resolve("kept.db-wal")).doesNotExist();
        assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class);

        try (Connection b = open()) {
            assertThat(run(kept, b, INSERT, "x", 1)).isEqualTo(1);
            assertThat(kept.connections()).as("the closed connection's entry is dropped").isEqualTo(1);
        }
        kept.clear();
        assertThat(kept.connections()).isZero();
    }
}
