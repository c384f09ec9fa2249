package dev.workstate.storage.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.workstate.WorkstateConfig;
import dev.workstate.storage.jdbc.Dialect;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL specifics: a pool whose every wait is bounded by the connect timeout (a dead server costs a caller at
 * most that, never Hikari's 30 s default), a server-side statement timeout, an optional schema via
 * {@code currentSchema}, plain {@code autoCommit=false} transactions under READ COMMITTED (the versioned
 * {@code UPDATE ... WHERE version = ?} re-checks its predicate after waiting for a concurrent writer's row lock, so the
 * compare-and-set stays atomic), tsvector search, and SQLState-based error classification.
 *
 * <p>Immutable; thread-safe.
 */
public final class PostgresDialect implements Dialect {
    /** Advisory lock key of the dependency graph (an arbitrary constant: "WSDEPS" in ASCII). */
    private static final long DEPENDENCY_GRAPH_LOCK = 0x575344455053L;
    /** Advisory lock key of the work-item hierarchy ("WSTREE" in ASCII). */
    private static final long HIERARCHY_LOCK = 0x575354524545L;
    private final String url;
    private final String schema;
    private final String location;

    public PostgresDialect(WorkstateConfig config) {
        this.url = config.databaseUrl();
        this.schema = config.databaseSchema();
        this.location = describe(url, schema);
    }

    @Override
    public String layer() {
        return "postgres";
    }

    @Override
    public HikariConfig poolConfig(WorkstateConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("workstate-postgres");
        hc.setDriverClassName("org.postgresql.Driver");
        hc.setJdbcUrl(url);
        if (config.databaseUser() != null) {
            hc.setUsername(config.databaseUser());
        }
        if (config.databasePassword() != null) {
            hc.setPassword(config.databasePassword());
        }
        long connectMillis = Math.max(250, config.connectTimeout().toMillis());
        int connectSeconds = (int) Math.max(1, (connectMillis + 999) / 1000);
        hc.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
        hc.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "workstate");
        Duration statement = config.statementTimeout();
        if (statement != null) {
            // Server-side bound on every statement; the socket timeout is a client-side backstop for a silent peer.
            hc.addDataSourceProperty("options", "-c statement_timeout=" + statement.toMillis());
            hc.addDataSourceProperty("socketTimeout", String.valueOf(statement.toSeconds() + 5));
        }
        if (schema != null) {
            hc.addDataSourceProperty("currentSchema", schema);
        }
        hc.setMaximumPoolSize(Math.max(2, config.poolSize()));
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        hc.setConnectionTimeout(connectMillis);
        hc.setValidationTimeout(Math.max(250, Math.min(connectMillis, 1000)));
        // Fail fast when the server is down at open: the chain then serves from the next layer.
        hc.setInitializationFailTimeout(connectMillis);
        return hc;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public void begin(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    @Override
    public void commit(Connection c) throws SQLException {
        c.commit();
        c.setAutoCommit(true);
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /**
     * None on the client: every connection already carries the server-side {@code statement_timeout} (see
     * {@link #poolConfig}), which cancels a runaway statement with the same SQLState (57014) and no client work. A
     * JDBC query timeout would add a task on the driver's shared timer thread to every statement.
     */
    @Override
    public Duration statementTimeout(WorkstateConfig config) {
        return null;
    }

    @Override
    public boolean serializeWrites() {
        return false;
    }

    @Override
    public boolean failedStatementAbortsTransaction() {
        return true;
    }

    @Override
    public boolean writesTwoTablesInOneStatement() {
        return true;
    }

    /**
     * Serialises dependency inserts: under READ COMMITTED two transactions could each check the graph, see no cycle or
     * duplicate, and both commit (A blocks B beside B blocks A). A transaction-scoped advisory lock makes the second
     * wait until the first commits, so the service's re-check inside the transaction sees it.
     */
    @Override
    public void lockDependencyGraph(Connection c) throws SQLException {
        advisoryLock(c, "pg_advisory_xact_lock", DEPENDENCY_GRAPH_LOCK);
    }

    /** Moves take the hierarchy lock exclusively, creates under a parent share it: see {@link Dialect}. */
    @Override
    public void lockHierarchy(Connection c, boolean exclusive) throws SQLException {
        advisoryLock(c, exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared", HIERARCHY_LOCK);
    }

    private static void advisoryLock(Connection c, String function, long key) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT " + function + "(" + key + ")");
        }
    }

    @Override
    public Failure classify(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return Failure.UNAVAILABLE;
        }
        String state = e.getSQLState();
        if (state == null) {
            return e.getMessage() != null && e.getMessage().contains("has been closed") ? Failure.UNAVAILABLE
                    : Failure.OTHER;
        }
        if (state.equals("23505")) {
            return Failure.UNIQUE_VIOLATION;
        }
        if (state.equals("23503")) {
            return Failure.FOREIGN_KEY_VIOLATION;
        }
        // 08: connection exceptions; 57P01-03: shutdown / cannot connect now; 57014: statement timeout or cancel;
        // 53300: too many connections; 53100/53200: disk full / out of memory on the server.
        // 28: authentication rejected — the database cannot be used with this configuration right now.
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("57014") || state.startsWith("53")
                || state.startsWith("28")) {
            return Failure.UNAVAILABLE;
        }
        return Failure.OTHER;
    }

    @Override
    public String reason(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException) {
            return "connection timed out";
        }
        if (state == null) {
            return "connection closed";
        }
        if (state.equals("57014")) {
            return "statement timed out";
        }
        if (state.startsWith("57P")) {
            return "server shutting down or starting up";
        }
        if (state.equals("53300")) {
            return "too many connections";
        }
        if (state.startsWith("53")) {
            return "server out of resources";
        }
        if (state.equals("08004") || state.startsWith("28")) {
            return "connection rejected";
        }
        return "cannot reach the server";
    }

    @Override
    public SearchSql search(List<String> words) {
        // Words are letters and digits only (SearchText.words), so joining them with & is a valid tsquery.
        String query = String.join(" & ", words);
        return new SearchSql("", "w.search_vector @@ to_tsquery('simple', #{search})",
                "ts_rank(w.search_vector, to_tsquery('simple', #{search})) DESC", query);
    }

    /** {@code host:port/database[schema]}, never credentials or query parameters. */
    static String describe(String jdbcUrl, String schema) {
        String suffix = schema == null ? "" : " (schema " + schema + ")";
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath();
            return host + port + path + suffix;
        } catch (RuntimeException e) {
            return "postgresql" + suffix;
        }
    }
}
