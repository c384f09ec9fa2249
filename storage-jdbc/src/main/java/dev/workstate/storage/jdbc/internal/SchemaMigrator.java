package dev.workstate.storage.jdbc.internal;

import dev.workstate.storage.jdbc.Dialect;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with the Liquibase changelog, or does nothing (one SELECT) when it already is.
 * Nothing reaches stdout: the update runs through {@link CommandScope} with the summary sent to the log and a
 * {@link LoggerUIService}. Several processes may open the same database at once: Liquibase's lock serialises them, and
 * failures while another process is creating the tables (SQLite busy, "already exists") are retried for a bounded time.
 *
 * <p>Thread-safe; migrations of one database within this JVM are serialised.
 */
public final class SchemaMigrator {
    /** The schema version the code expects: bump with the changeset that updates {@code schema_info}. */
    public static final int VERSION = 7;
    public static final String CHANGELOG = "dev/workstate/storage/jdbc/changelog.xml";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    private static final long RETRY_FOR_MILLIS = 60_000;

    private SchemaMigrator() {
    }

    /** Whether the database at {@code c} already has the current schema (a single cheap query). */
    public static boolean isCurrent(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_info WHERE id = 1")) {
            return rs.next() && rs.getInt(1) >= VERSION;
        } catch (SQLException e) {
            // Missing table: a fresh database. PostgreSQL needs the failed statement cleared in auto-commit mode: it is.
            return false;
        }
    }

    /**
     * Migrates if needed.
     *
     * @return true if Liquibase ran, false if the schema was already current
     */
    public static boolean migrate(DataSource ds, Dialect dialect, String lockKey) throws Exception {
        try (Connection c = ds.getConnection()) {
            if (isCurrent(c)) {
                return false;
            }
        }
        synchronized (LOCKS.computeIfAbsent(lockKey, k -> new Object())) {
            long deadline = System.currentTimeMillis() + RETRY_FOR_MILLIS;
            int attempt = 0;
            while (true) {
                attempt++;
                try (Connection c = ds.getConnection()) {
                    if (isCurrent(c)) {
                        return attempt > 1;
                    }
                    runLiquibase(c, dialect);
                    return true;
                } catch (Exception e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    // Typically another process creating the same tables or holding the write lock: back off, retry.
                    LOG.debug("schema migration attempt {} failed, retrying", attempt, e);
                    Thread.sleep(Math.min(50L * attempt, 500L));
                }
            }
        }
    }

    private static void runLiquibase(Connection c, Dialect dialect) throws Exception {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(Scope.Attr.logService.name(), new Slf4jLogService());
        scope.put(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()));
        scope.put("liquibase.analytics.enabled", false);
        scope.put("liquibase.showBanner", false);
        Scope.child(scope, () -> {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            if (dialect.schema() != null) {
                db.setDefaultSchemaName(dialect.schema());
                db.setLiquibaseSchemaName(dialect.schema());
            }
            CommandScope cmd = new CommandScope(UpdateCommandStep.COMMAND_NAME);
            cmd.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db);
            cmd.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG);
            cmd.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
            cmd.setOutput(OutputStream.nullOutputStream());
            cmd.execute();
        });
        LOG.info("{} schema migrated to version {}", dialect.layer(), VERSION);
    }
}
