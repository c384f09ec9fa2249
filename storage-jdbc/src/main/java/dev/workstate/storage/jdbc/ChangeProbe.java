package dev.workstate.storage.jdbc;

import java.sql.SQLException;

/**
 * A cheap way to learn whether a database has changed: {@link #version()} returns a number that is different from the
 * previous call's whenever any connection, of this process or another one, committed a change in between (SQLite:
 * {@code PRAGMA data_version} on a connection of the probe's own). {@link JdbcStore} keeps small read caches only when
 * its {@link Dialect} offers a probe, and drops them whenever the number moves.
 *
 * <p>Implementations are thread-safe.
 */
public interface ChangeProbe extends AutoCloseable {

    /**
     * The database's current change number.
     *
     * @throws SQLException if the database cannot be read right now (callers then bypass their cache)
     */
    long version() throws SQLException;

    /** Releases the probe's connection. */
    @Override
    void close();
}
