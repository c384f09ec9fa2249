package dev.workstate.chain;

import dev.workstate.error.StorageUnavailableException;
import dev.workstate.port.AuditPort;
import dev.workstate.port.ConfigurationPort;
import dev.workstate.port.DeploymentPort;
import dev.workstate.port.EnhancementPort;
import dev.workstate.port.Mutation;
import dev.workstate.port.OutboxPort;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.Store;
import dev.workstate.port.VendorPort;
import dev.workstate.port.WorkItemPort;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * A real store behind a fault switch: while "cut", every call throws {@link StorageUnavailableException} the way an
 * unreachable database does; with {@link #failNextCommit()} the next transaction runs its work on the real store and
 * then fails before committing (the real store rolls back), like a connection cut in the middle of a transaction; with
 * {@link #cutAfterNextCommit()} the store dies right after a commit it acknowledged.
 *
 * <p>Thread-safe.
 */
final class SwitchableStore implements Store {
    private final Store real;
    private final String name;
    private volatile boolean cut;
    private volatile boolean failNextCommit;
    private volatile boolean cutAfterNextCommit;
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    SwitchableStore(String name, Store real) {
        this.name = name;
        this.real = real;
    }

    void cut() {
        cut = true;
    }

    void restore() {
        cut = false;
    }

    void failNextCommit() {
        failNextCommit = true;
    }

    /** The next transaction commits on the real store, and the store is cut the moment it has (the caller is told). */
    void cutAfterNextCommit() {
        cutAfterNextCommit = true;
    }

    Store real() {
        return real;
    }

    /** How many calls were refused while cut (each one a caller or prober that touched the dead layer). */
    long refused() {
        return refused.get();
    }

    private void check() {
        if (cut) {
            refused.incrementAndGet();
            throw new StorageUnavailableException(name, "connection refused", null);
        }
    }

    private <P> P guard(Class<P> type, Supplier<P> port) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.invoke(port.get(), args);
            }
            check();
            try {
                return m.invoke(port.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    @Override
    public String layer() {
        return name;
    }

    @Override
    public WorkItemPort workItems() {
        return guard(WorkItemPort.class, real::workItems);
    }

    @Override
    public VendorPort vendors() {
        return guard(VendorPort.class, real::vendors);
    }

    @Override
    public DeploymentPort deployments() {
        return guard(DeploymentPort.class, real::deployments);
    }

    @Override
    public ConfigurationPort configuration() {
        return guard(ConfigurationPort.class, real::configuration);
    }

    @Override
    public EnhancementPort enhancements() {
        return guard(EnhancementPort.class, real::enhancements);
    }

    @Override
    public AuditPort audit() {
        return guard(AuditPort.class, real::audit);
    }

    @Override
    public OutboxPort outbox() {
        return guard(OutboxPort.class, real::outbox);
    }

    /** The real store's journal behind the same switch: a cut layer refuses appends and folds alike. */
    @Override
    public java.util.Optional<dev.workstate.port.MirrorJournalPort> mirrorJournal() {
        return real.mirrorJournal().map(j -> guard(dev.workstate.port.MirrorJournalPort.class, () -> j));
    }

    @Override
    public boolean apply(Mutation mutation) {
        check();
        return real.apply(mutation);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        check();
        T result = real.inTransaction(() -> {
            T r = work.get();
            check();
            if (failNextCommit) {
                failNextCommit = false;
                throw new StorageUnavailableException(name, "connection reset during commit", null);
            }
            return r;
        });
        if (cutAfterNextCommit) {
            cutAfterNextCommit = false;
            cut = true;
        }
        return result;
    }

    @Override
    public void ping() {
        check();
        real.ping();
    }

    @Override
    public StorageStatus status() {
        check();
        return real.status();
    }

    @Override
    public void close() {
        real.close();
    }
}
