package dev.workstate.storage.postgres;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.ValidationException;
import dev.workstate.storage.jdbc.JdbcStore;
import dev.workstate.storage.postgres.internal.PostgresDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Opens a PostgreSQL store from a configuration that carries a database URL (and optionally user, password and
 * schema), for tests, benchmarks and tools; applications normally go through {@link PostgresStorageProvider}.
 *
 * <p>Stateless; thread-safe.
 */
public final class PostgresStore {
    /** Unquoted PostgreSQL identifiers only, so the schema name can never carry SQL. */
    private static final Pattern SCHEMA = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    private PostgresStore() {
    }

    /**
     * Opens (creating the schema and tables if needed) the store described by {@code config}.
     *
     * @throws ValidationException if no URL is configured or the schema name is not a plain identifier
     * @throws StorageUnavailableException if the server cannot be reached within the connect timeout
     */
    public static JdbcStore open(WorkstateConfig config) {
        if (config.databaseUrl() == null) {
            throw ValidationException.of("WORKSTATE_DATABASE_URL", "is required for the postgres layer");
        }
        if (!config.databaseUrl().startsWith("jdbc:postgresql:")) {
            throw ValidationException.of("WORKSTATE_DATABASE_URL", "must start with jdbc:postgresql:");
        }
        String schema = config.databaseSchema();
        if (schema != null) {
            if (!SCHEMA.matcher(schema).matches()) {
                throw ValidationException.of("WORKSTATE_DATABASE_SCHEMA",
                        "must be a lower-case identifier (letters, digits, _; at most 63 characters)");
            }
            createSchema(config, schema);
        }
        return new JdbcStore(new PostgresDialect(config), config);
    }

    private static void createSchema(WorkstateConfig config, String schema) {
        Properties props = new Properties();
        if (config.databaseUser() != null) {
            props.setProperty("user", config.databaseUser());
        }
        if (config.databasePassword() != null) {
            props.setProperty("password", config.databasePassword());
        }
        long seconds = Math.max(1, (config.connectTimeout().toMillis() + 999) / 1000);
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        try (Connection c = DriverManager.getConnection(config.databaseUrl(), props);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            // Two processes creating the same schema at once: the loser sees a duplicate, which is fine.
            if ("23505".equals(e.getSQLState()) || "42P06".equals(e.getSQLState())) {
                return;
            }
            PostgresDialect dialect = new PostgresDialect(config);
            if (dialect.classify(e) == dev.workstate.storage.jdbc.Dialect.Failure.UNAVAILABLE
                    || e.getSQLState() == null || e.getSQLState().startsWith("28")) {
                throw new StorageUnavailableException("postgres", dialect.reason(e), e);
            }
            throw new StorageUnavailableException("postgres", "cannot prepare the schema", e);
        }
    }
}
