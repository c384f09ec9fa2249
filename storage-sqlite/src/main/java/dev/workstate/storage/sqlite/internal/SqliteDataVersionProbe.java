package dev.workstate.storage.sqlite.internal;

import dev.workstate.storage.jdbc.ChangeProbe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * A {@link ChangeProbe} over SQLite's {@code PRAGMA data_version} on a connection of its own (outside the pool). SQLite
 * changes that number whenever another connection — any pool connection of this process or any other process —
 * commits to the file; the probe's connection never writes, so every commit counts. The pragma only reads the WAL
 * header and the statement is reset after each call, so the probe never holds a read snapshot that would stall
 * checkpoints.
 *
 * <p>Thread-safe: calls are serialised on the instance (each takes a couple of microseconds).
 */
public final class SqliteDataVersionProbe implements ChangeProbe {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDataVersionProbe.class);

    private final Connection connection;
    private final PreparedStatement dataVersion;

    private SqliteDataVersionProbe(Connection connection, PreparedStatement dataVersion) {
        this.connection = connection;
        this.dataVersion = dataVersion;
    }

    /** Opens a probe connection to {@code file}, waiting up to {@code busyTimeoutMillis} for a locked file. */
    public static SqliteDataVersionProbe open(Path file, int busyTimeoutMillis) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMillis);
        config.setReadOnly(true);
        Connection c = config.createConnection("jdbc:sqlite:" + file);
        try {
            return new SqliteDataVersionProbe(c, c.prepareStatement("PRAGMA data_version"));
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public synchronized long version() throws SQLException {
        try (ResultSet rs = dataVersion.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("PRAGMA data_version returned no row");
            }
            return rs.getLong(1);
        }
    }

    @Override
    public synchronized void close() {
        try {
            dataVersion.close();
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the data_version probe failed", e);
        }
    }
}
