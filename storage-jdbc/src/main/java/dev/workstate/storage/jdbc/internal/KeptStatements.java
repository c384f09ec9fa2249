package dev.workstate.storage.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepared statements kept open on each physical pooled connection for as long as that connection lives, for the
 * few fixed statements every write runs (transaction begin/commit, work item insert/update, audit insert). SQLite
 * parses and plans a statement, triggers included, every time it is prepared, and a MyBatis session prepares its
 * statements anew in each transaction; for a one-row write that was about a quarter of the transaction's CPU.
 *
 * <p>Statements are prepared on the driver's own connection (unwrapped from the pool's proxy), so the pool does not
 * close them when the connection goes back to it. They die with that connection: the SQLite driver finalizes every
 * statement of a connection when it closes (pool eviction, max lifetime, store close), and entries of closed
 * connections are dropped here whenever a new connection shows up. A statement whose execution failed is closed and
 * prepared again next time, so a failure never leaves a half-used statement behind. Only statements that run to
 * completion in one step (no result set left open) belong here, so a kept statement never holds a lock or snapshot.
 *
 * <p>Thread-safe. The statements of one connection are only used by the thread that has borrowed the connection from
 * the pool (the pool's hand-off orders the uses of successive borrowers).
 */
public final class KeptStatements {
    private static final Logger LOG = LoggerFactory.getLogger(KeptStatements.class);

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    /** The kept statement for {@code sql} on the physical connection behind {@code pooled}, prepared on first use. */
    public PreparedStatement get(Connection pooled, String sql) throws SQLException {
        Connection raw = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> kept = byConnection.get(raw);
        if (kept == null) {
            forgetClosed();
            kept = new HashMap<>();
            byConnection.put(raw, kept);
        }
        PreparedStatement ps = kept.get(sql);
        if (ps == null) {
            ps = raw.prepareStatement(sql);
            kept.put(sql, ps);
        }
        return ps;
    }

    /** Closes and forgets the kept statement for {@code sql} (after it failed), so the next use prepares it anew. */
    public void discard(Connection pooled, String sql) {
        try {
            Map<String, PreparedStatement> kept = byConnection.get(pooled.unwrap(Connection.class));
            PreparedStatement ps = kept == null ? null : kept.remove(sql);
            if (ps != null) {
                ps.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing a failed kept statement failed", e);
        }
    }

    /** Runs the kept statement {@code sql} (no parameters, no result), discarding it if it fails. */
    public void execute(Connection pooled, String sql) throws SQLException {
        try {
            get(pooled, sql).execute();
        } catch (SQLException | RuntimeException e) {
            discard(pooled, sql);
            throw e;
        }
    }

    /** Forgets every kept statement (the store is closing; closing its connections finalizes them). */
    public void clear() {
        byConnection.clear();
    }

    /** How many connections have statements kept (for tests). */
    int connections() {
        return byConnection.size();
    }

    private void forgetClosed() {
        for (Iterator<Connection> it = byConnection.keySet().iterator(); it.hasNext(); ) {
            Connection c = it.next();
            try {
                if (c.isClosed()) {
                    it.remove();
                }
            } catch (SQLException e) {
                it.remove();
            }
        }
    }
}
