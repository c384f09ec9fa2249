package dev.workstate.storage.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.workstate.error.InternalException;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.WorkstateException;
import dev.workstate.storage.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions and thread-bound transactions of one JDBC store. A write transaction borrows one pooled connection for its
 * whole life, starts it through the {@link Dialect} (SQLite: {@code BEGIN IMMEDIATE}, so two writers never deadlock on
 * a lock upgrade) and binds a MyBatis session to the thread; nested calls join it. Reads outside a transaction run on
 * an auto-commit connection, which avoids a begin/commit round per read.
 *
 * <p>Thread-safe.
 */
public final class Db {
    private static final Logger LOG = LoggerFactory.getLogger(Db.class);

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Supplier<SqlSessionFactory> sessionFactory;
    /** Built on first use: a one-shot read (the CLI's {@code item show}) needs none of MyBatis' ~100 ms set-up. */
    private volatile SqlSessionFactory sessions;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    private final KeptStatements kept = new KeptStatements();

    /**
     * The connection of one thread's open transaction and its MyBatis session, opened on first use: a transaction
     * that only runs {@link DirectWrites} (a mirrored update) never needs one.
     */
    private final class Tx {
        private final Connection connection;
        private SqlSession session;

        Tx(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        SqlSession session() {
            if (session == null) {
                // REUSE: a transaction runs the same few statements many times (a migration: ~500 statements of ~30
                // kinds), and preparing each anew (SQLite parses and plans it, the work_items triggers included) was
                // the largest single cost. The session closes its statements when it closes, after the commit.
                session = sessions().openSession(ExecutorType.REUSE, connection);
            }
            return session;
        }

        void close() {
            if (session != null) {
                session.close();
            }
        }
    }

    /** {@code sessionFactory} is called once, by the first call that needs a MyBatis session (or {@link #prepare}). */
    public Db(Dialect dialect, HikariDataSource dataSource, Supplier<SqlSessionFactory> sessionFactory) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
    }

    /** Builds the MyBatis configuration now unless it exists; for a background thread of a long-running host. */
    public void prepare() {
        sessions();
    }

    private SqlSessionFactory sessions() {
        SqlSessionFactory f = sessions;
        if (f == null) {
            synchronized (this) {
                f = sessions;
                if (f == null) {
                    f = sessionFactory.get();
                    sessions = f;
                }
            }
        }
        return f;
    }

    /** The statements kept prepared per connection (used when {@link Dialect#keepsPreparedStatements()}). */
    public KeptStatements kept() {
        return kept;
    }

    public Dialect dialect() {
        return dialect;
    }

    public boolean inTransaction() {
        return current.get() != null;
    }

    /** Runs {@code work} on the current transaction's session, or on a fresh auto-commit session. */
    public <T> T read(Function<SqlSession, T> work) {
        Tx tx = current.get();
        if (tx != null) {
            return readJdbc(c -> work.apply(tx.session()));
        }
        return readJdbc(c -> {
            try (SqlSession s = sessions().openSession(c)) {
                return work.apply(s);
            }
        });
    }

    /**
     * Runs plain-JDBC {@code work} on the current transaction's connection, or on a pooled auto-commit connection,
     * without a MyBatis session (see {@link DirectReads}).
     */
    public <T> T readJdbc(Function<Connection, T> work) {
        Tx tx = current.get();
        if (tx != null) {
            try {
                return work.apply(tx.connection());
            } catch (RuntimeException e) {
                throw translate(e);
            }
        }
        return autoCommitted(work);
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode, outside any transaction: each statement is atomic
     * on its own, with no begin or commit round trip. For reads, and for a write that is one statement.
     *
     * @throws IllegalStateException inside a transaction (the work would not be part of it)
     */
    public <T> T autoCommitted(Function<Connection, T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("auto-commit work inside a transaction");
        }
        try (Connection c = borrow()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Runs {@code work} on the current transaction's session, starting one if none is open. */
    public <T> T write(Function<SqlSession, T> work) {
        Tx tx = current.get();
        if (tx != null) {
            return read(work);
        }
        return transaction(() -> read(work));
    }

    /**
     * Runs {@code work} on the current transaction's connection, starting a transaction if none is open (for
     * {@link DirectWrites}; failures are translated like those of {@link #write}).
     */
    public <T> T writeDirect(Function<Connection, T> work) {
        Tx tx = current.get();
        if (tx == null) {
            return transaction(() -> writeDirect(work));
        }
        try {
            return work.apply(tx.connection());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Runs {@code work} in one transaction bound to this thread; joins an enclosing one. */
    public <T> T transaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        boolean locked = false;
        Connection c = null;
        Tx tx = null;
        boolean committed = false;
        try {
            if (dialect.serializeWrites()) {
                writeLock.lock();
                locked = true;
            }
            c = borrow();
            begin(c);
            tx = new Tx(c);
            current.set(tx);
            T result = work.get();
            commit(c);
            committed = true;
            return result;
        } catch (SQLException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw translate(e);
        } finally {
            current.remove();
            if (tx != null) {
                tx.close();
            }
            if (c != null) {
                if (!committed) {
                    rollbackQuietly(c);
                }
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.debug("closing connection failed", e);
                }
            }
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    /** Starts a write transaction: the dialect's fixed begin statement kept prepared on the connection, if it has one. */
    private void begin(Connection c) throws SQLException {
        String sql = dialect.keepsPreparedStatements() ? dialect.beginSql() : null;
        if (sql != null) {
            kept.execute(c, sql);
        } else {
            dialect.begin(c);
        }
    }

    private void commit(Connection c) throws SQLException {
        String sql = dialect.keepsPreparedStatements() ? dialect.commitSql() : null;
        if (sql != null) {
            kept.execute(c, sql);
        } else {
            dialect.commit(c);
        }
    }

    /**
     * Runs one statement that may violate a constraint. On databases where a failed statement poisons the
     * transaction it runs under a savepoint, so the caller can still read (e.g. the existing duplicate) afterwards.
     */
    public <T> T guarded(Supplier<T> statement) {
        Tx tx = current.get();
        if (tx == null || !dialect.failedStatementAbortsTransaction()) {
            return statement.get();
        }
        Savepoint sp;
        try {
            sp = tx.connection().setSavepoint();
        } catch (SQLException e) {
            throw translate(e);
        }
        try {
            T r = statement.get();
            tx.connection().releaseSavepoint(sp);
            return r;
        } catch (RuntimeException e) {
            try {
                tx.connection().rollback(sp);
            } catch (SQLException re) {
                e.addSuppressed(re);
            }
            throw e;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private void rollbackQuietly(Connection c) {
        try {
            dialect.rollback(c);
        } catch (SQLException e) {
            // A connection left inside a transaction must not go back to the pool.
            LOG.debug("rollback failed; evicting connection", e);
            dataSource.evictConnection(c);
        }
    }

    private Connection borrow() throws SQLException {
        return dataSource.getConnection();
    }

    /** The SQL failure inside {@code e}, if any. */
    public static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Classifies {@code e} (OTHER when it holds no SQL failure). */
    public Dialect.Failure classify(Throwable e) {
        SQLException s = sqlCause(e);
        return s == null ? Dialect.Failure.OTHER : dialect.classify(s);
    }

    /** Maps a failure to the store's contract: domain exceptions pass, connectivity → unavailable, rest → internal. */
    public RuntimeException translate(Throwable e) {
        if (e instanceof WorkstateException w) {
            return w;
        }
        SQLException s = sqlCause(e);
        if (s == null) {
            if (e instanceof PersistenceException) {
                LOG.error("{} store failure", dialect.layer(), e);
                return new InternalException("storage error", e);
            }
            return e instanceof RuntimeException r ? r : new InternalException("storage error", e);
        }
        if (dialect.classify(s) == Dialect.Failure.UNAVAILABLE) {
            if (dataSource.isClosed()) {
                // a call that raced this store's own close (e.g. a background mirror abandoned at shutdown): no outage
                LOG.debug("{} closed: {}", dialect.layer(), s.getMessage());
            } else {
                LOG.warn("{} unavailable: {}", dialect.layer(), s.getMessage());
            }
            return new StorageUnavailableException(dialect.layer(), dialect.reason(s), e);
        }
        LOG.error("{} store failure", dialect.layer(), e);
        return new InternalException("storage error", e);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }
}
