package dev.workstate.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.WorkstateException;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.port.AuditPort;
import dev.workstate.port.ConfigurationPort;
import dev.workstate.port.DeploymentPort;
import dev.workstate.port.EnhancementPort;
import dev.workstate.port.MirrorJournalPort;
import dev.workstate.port.Mutation;
import dev.workstate.port.OutboxPort;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.Store;
import dev.workstate.port.VendorPort;
import dev.workstate.port.WorkItemPort;
import dev.workstate.storage.jdbc.internal.Db;
import dev.workstate.storage.jdbc.internal.DirectWrites;
import dev.workstate.storage.jdbc.internal.FileMirrorJournal;
import dev.workstate.storage.jdbc.internal.JdbcMirrorJournal;
import dev.workstate.storage.jdbc.internal.Mappers;
import dev.workstate.storage.jdbc.internal.MutationApplier;
import dev.workstate.storage.jdbc.internal.Ports;
import dev.workstate.storage.jdbc.internal.Rows;
import dev.workstate.storage.jdbc.internal.SchemaMigrator;
import dev.workstate.storage.jdbc.internal.VendorNameCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A complete {@link Store} on a relational database through HikariCP, MyBatis and Liquibase; the {@link Dialect}
 * supplies what differs between SQLite and PostgreSQL. Opening creates or migrates the schema (skipped with one
 * SELECT when it is current) and seeds the default project configuration.
 *
 * <p>Transactions are bound to the calling thread ({@link #inTransaction} joins an enclosing one; {@link #apply}
 * outside a transaction is its own). Reads outside a transaction run on auto-commit connections.
 *
 * <p>Thread-safe: share one instance per database.
 */
public class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Db db;
    private final MutationApplier applier;
    private final DirectWrites directWrites;
    private final Ports.WorkItems workItems;
    private final Ports.Vendors vendors;
    private final VendorNameCache vendorNames;
    private final Ports.Deployments deployments;
    private final Ports.Configuration configuration;
    private final Ports.Enhancements enhancements;
    private final Ports.Audit audit;
    private final Ports.Outbox outbox;
    private final MirrorJournalPort journal;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean migrated;

    /**
     * Opens the store: pool, schema, default configuration.
     *
     * @throws StorageUnavailableException if the database cannot be reached
     */
    public JdbcStore(Dialect dialect, WorkstateConfig config) {
        this.dialect = dialect;
        HikariConfig pool = dialect.poolConfig(config);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        this.dataSource = ds;
        try {
            Duration timeout = dialect.statementTimeout(config);
            this.db = new Db(dialect, ds, () -> sessionFactory(ds, timeout));
            this.migrated = migrate(ds, dialect);
            this.applier = new MutationApplier(db);
            // creates, content updates and audit events (every write of a work item, and all of a mirrored write) in
            // plain JDBC: MyBatis' mapping was a third of a PostgreSQL writer's CPU; kept per connection on SQLite
            this.directWrites = new DirectWrites(db, dialect.keepsPreparedStatements() ? db.kept() : null);
            this.workItems = new Ports.WorkItems(db);
            this.vendorNames = new VendorNameCache(dialect);
            this.vendors = new Ports.Vendors(db, vendorNames);
            this.deployments = new Ports.Deployments(db);
            this.configuration = new Ports.Configuration(db);
            this.enhancements = new Ports.Enhancements(db);
            this.audit = new Ports.Audit(db);
            this.outbox = new Ports.Outbox(db);
            this.journal = dialect.mirrorJournalDirectory()
                    .<MirrorJournalPort>map(d -> new FileMirrorJournal(d, dialect.layer()))
                    .orElseGet(() -> new JdbcMirrorJournal(db, directWrites));
            seedConfiguration(config.client());
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private StorageUnavailableException unavailable(Exception e) {
        // reported by the exception (the chain logs a layer going down once, in one line); the detail is for debug
        LOG.debug("{} cannot be opened", dialect.layer(), e);
        java.sql.SQLException sql = Db.sqlCause(e);
        String reason = sql != null ? dialect.reason(sql) : "cannot connect";
        return new StorageUnavailableException(dialect.layer(), reason, e);
    }

    private static SqlSessionFactory sessionFactory(HikariDataSource ds, Duration statementTimeout) {
        ManagedTransactionFactory tf = new ManagedTransactionFactory();
        Properties p = new Properties();
        // Db owns the connection's life: MyBatis must neither commit nor close it.
        p.setProperty("closeConnection", "false");
        tf.setProperties(p);
        Configuration c = new Configuration(new Environment("workstate", tf, ds));
        c.setMapUnderscoreToCamelCase(true);
        c.setLocalCacheScope(LocalCacheScope.STATEMENT);
        c.setCacheEnabled(false);
        if (statementTimeout != null) {
            c.setDefaultStatementTimeout((int) Math.max(1, statementTimeout.toSeconds()));
        }
        c.addMapper(Mappers.WorkItemMapper.class);
        c.addMapper(Mappers.VendorMapper.class);
        c.addMapper(Mappers.DeploymentMapper.class);
        c.addMapper(Mappers.ConfigurationMapper.class);
        c.addMapper(Mappers.EnhancementMapper.class);
        c.addMapper(Mappers.AuditMapper.class);
        c.addMapper(Mappers.OutboxMapper.class);
        return new SqlSessionFactoryBuilder().build(c);
    }

    private boolean migrate(HikariDataSource ds, Dialect d) {
        try {
            return SchemaMigrator.migrate(ds, d, d.layer() + ":" + d.location() + ":" + ds.getJdbcUrl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException(d.layer(), "interrupted while opening", e);
        } catch (WorkstateException e) {
            throw e;
        } catch (Exception e) {
            java.sql.SQLException sql = Db.sqlCause(e);
            if (sql != null && d.classify(sql) == Dialect.Failure.UNAVAILABLE) {
                throw unavailable(e);
            }
            LOG.error("{} schema migration failed", d.layer(), e);
            throw new dev.workstate.error.InternalException("storage schema migration failed", e);
        }
    }

    private void seedConfiguration(String by) {
        if (configuration.exists()) {
            return;
        }
        Instant now = Instant.now(Clock.systemUTC()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try {
            db.write(s -> {
                var cm = s.getMapper(Mappers.ConfigurationMapper.class);
                return cm.get() == null ? cm.insert(Rows.ConfigurationRow.of(ProjectConfiguration.defaults(now, by)))
                        : 0;
            });
        } catch (dev.workstate.error.InternalException e) {
            // Another process seeded it between our check and insert (primary key): fine if it is there now.
            if (db.read(s -> s.getMapper(Mappers.ConfigurationMapper.class).get()) == null) {
                throw e;
            }
        }
    }

    /**
     * Creates or migrates the schema of the database behind {@code dataSource} without opening a store (used to
     * prepare template databases); a no-op costing one SELECT when it is current.
     *
     * @return true if Liquibase ran
     */
    public static boolean migrateSchema(javax.sql.DataSource dataSource, Dialect dialect) throws Exception {
        return SchemaMigrator.migrate(dataSource, dialect, dialect.layer() + ":" + dialect.location());
    }

    /** Whether opening this store ran the Liquibase migration (false: the schema was already current). */
    public boolean migratedOnOpen() {
        return migrated;
    }

    /** The dialect this store runs on. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String layer() {
        return dialect.layer();
    }

    @Override
    public WorkItemPort workItems() {
        return workItems;
    }

    @Override
    public VendorPort vendors() {
        return vendors;
    }

    @Override
    public DeploymentPort deployments() {
        return deployments;
    }

    @Override
    public ConfigurationPort configuration() {
        return configuration;
    }

    @Override
    public EnhancementPort enhancements() {
        return enhancements;
    }

    @Override
    public AuditPort audit() {
        return audit;
    }

    @Override
    public OutboxPort outbox() {
        return outbox;
    }

    @Override
    public Optional<MirrorJournalPort> mirrorJournal() {
        return Optional.of(journal);
    }

    @Override
    public boolean apply(Mutation mutation) {
        if (DirectWrites.handles(mutation)) {
            return db.writeDirect(c -> directWrites.apply(c, mutation));
        }
        return db.write(s -> applier.apply(s, mutation));
    }

    /**
     * A versioned work-item update and its audit event, asked for outside a transaction, are one auto-committed
     * statement where the dialect can write two tables in one.
     */
    @Override
    public void applyAll(List<Mutation> mutations) {
        if (mutations.size() == 2 && mutations.get(0) instanceof Mutation.UpdateWorkItem update
                && mutations.get(1) instanceof Mutation.AppendAudit audit
                && dialect.writesTwoTablesInOneStatement() && !db.inTransaction()) {
            db.autoCommitted(c -> {
                directWrites.updateWorkItemWithAudit(c, update, audit);
                return null;
            });
            return;
        }
        Store.super.applyAll(mutations);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.transaction(work);
    }

    @Override
    public void warmUp() {
        db.prepare();
    }

    @Override
    public void ping() {
        db.readJdbc(Ports::ping);
    }

    @Override
    public String location() {
        return dialect.location();
    }

    @Override
    public StorageStatus status() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        boolean healthy = true;
        String reason = null;
        long pending = 0;
        long conflicts = 0;
        try {
            ping();
            pending = outbox.size();
            conflicts = outbox.conflictCount();
        } catch (StorageUnavailableException e) {
            healthy = false;
            reason = e.getMessage();
        }
        StorageStatus.Layer layer = new StorageStatus.Layer(layer(), healthy, now, reason, pending, 0, 0, location());
        return new StorageStatus(List.of(layer), layer(), pending, conflicts, null);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (journal instanceof FileMirrorJournal files) {
                files.close();
            }
            vendorNames.close();
            dataSource.close();
            db.kept().clear();
        }
    }

    @Override
    public String toString() {
        return "JdbcStore[" + dialect.layer() + " " + dialect.location() + "]";
    }
}
