package dev.workstate.chain;

import dev.workstate.error.NotFoundException;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.ValidationException;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.Json;
import dev.workstate.internal.service.Audit;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.Times;
import dev.workstate.model.WorkItem;
import dev.workstate.port.AuditPort;
import dev.workstate.port.ConfigurationPort;
import dev.workstate.port.DeploymentPort;
import dev.workstate.port.EnhancementPort;
import dev.workstate.port.MirrorJournalPort;
import dev.workstate.port.Mutation;
import dev.workstate.port.OutboxEntry;
import dev.workstate.port.OutboxPort;
import dev.workstate.port.ServedBy;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.Store;
import dev.workstate.port.SyncConflict;
import dev.workstate.port.VendorPort;
import dev.workstate.port.WorkItemPort;
import dev.workstate.service.SyncReport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage fallback chain: one {@link Store} over an ordered list of layer stores (e.g. postgres → sqlite →
 * markdown). Reads and writes go to the first layer that is up; a {@link StorageUnavailableException} marks a layer
 * down (skipped for a back-off of 1 s doubling to 30 s while a background prober pings it) and the call moves on to the
 * next layer; any other exception is an answer and propagates. A write taken by a layer below the top is recorded in
 * that layer's outbox in the same transaction and replayed upward, in order and idempotently, when a higher layer
 * answers again; an update whose base version moved on becomes a {@link SyncConflict}. After each commit the layers
 * below are brought to the same state (write-through: into a layer's {@link MirrorJournalPort mirror journal} when it
 * has one, folded into its tables in the background and always before it serves; layers built with
 * {@link Builder#asyncMirror} are mirrored by a background thread, flushed within a second and on close), and lower
 * layers are refreshed from the primary on open and after replay.
 *
 * <p>Thread-safe. Transactions are bound to the calling thread, as for every store.
 */
public final class ChainStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(ChainStore.class);
    /** How long the opening of a background-mirrored layer waits unless the layer is wanted sooner. */
    private static final long BACKGROUND_OPEN_GRACE_MS = 500;
    private static final int PAGE = 200;
    /**
     * How long a mirror journal entry waits for others before the background folds them into the layer's tables: a
     * batch writes each touched index page once for all of its entries.
     */
    private static final long DEFAULT_FOLD_DELAY_MS = 200;
    /** Entries folded per transaction. */
    private static final int FOLD_BATCH = 500;

    private final List<ChainLayer> layers;
    private final Clock clock;
    private final boolean background;
    private final ReplayHook replayHook;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private final ThreadLocal<ServedBy> served = new ThreadLocal<>();
    private final Object replayLock = new Object();
    private final Map<Integer, Object> mirrorLocks = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> unmirrored = new ConcurrentHashMap<>();
    /** Journal entries this process appended to each layer and has not folded yet. */
    private final Map<Integer, AtomicLong> journaled = new ConcurrentHashMap<>();
    /**
     * Layers whose journal may hold entries this process did not append (another process's, or a crashed one's):
     * checked before the layer next serves. Set on open and whenever a layer goes down.
     */
    private final Map<Integer, AtomicBoolean> journalUnchecked = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicBoolean> foldScheduled = new ConcurrentHashMap<>();
    private final ScheduledExecutorService folder;
    private final long foldDelayMillis;
    private final ConcurrentLinkedQueue<AsyncBatch> asyncQueue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean asyncScheduled = new AtomicBoolean();
    private final ExecutorService mirrorExecutor;
    /**
     * Released as soon as a background-mirrored layer is wanted: a write to mirror into it, a flush, or closing with
     * writes queued. Until then (at most {@link #BACKGROUND_OPEN_GRACE_MS}) its opening waits, so a one-shot read
     * (the CLI's {@code item show}) ends before a large markdown directory starts loading and competing for the CPU.
     */
    private final CountDownLatch backgroundWanted = new CountDownLatch(1);
    private final ScheduledExecutorService prober;
    private final ExecutorService replayer;
    private final AtomicBoolean replayQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Instant lastSyncAt;
    private long probeTicks;

    private final WorkItemPort workItems;
    private final VendorPort vendors;
    private final DeploymentPort deployments;
    private final ConfigurationPort configuration;
    private final EnhancementPort enhancements;
    private final AuditPort audit;
    private final OutboxPort outbox;

    /** Called during replay after the higher layer committed an entry and before it leaves the outbox (tests). */
    @FunctionalInterface
    public interface ReplayHook {
        void afterHigherCommit(String fromLayer, String toLayer, OutboxEntry entry);
    }

    /** Progress of a replay: entries done so far out of the total pending when it started. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private record Tx(ChainLayer layer, boolean outboxed, Instant queuedAt, List<Mutation> applied) {
    }

    private record AsyncBatch(ChainLayer source, ChainLayer target, Set<Mirror.Touch> touches) {
    }

    private ChainStore(Builder b) {
        this.clock = b.clock;
        this.background = b.background;
        this.replayHook = b.replayHook;
        this.foldDelayMillis = b.foldDelay.toMillis();
        List<ChainLayer> list = new ArrayList<>();
        for (int i = 0; i < b.openers.size(); i++) {
            String name = b.names.get(i);
            list.add(new ChainLayer(name, i, b.openers.get(i), b.async.contains(name), clock, b.initialBackoff,
                    b.maxBackoff));
            mirrorLocks.put(i, new Object());
            unmirrored.put(i, new AtomicLong());
            journaled.put(i, new AtomicLong());
            journalUnchecked.put(i, new AtomicBoolean(i > 0)); // the top layer is never mirrored into
            foldScheduled.put(i, new AtomicBoolean());
        }
        this.layers = List.copyOf(list);
        this.mirrorExecutor = Executors.newSingleThreadExecutor(daemon("workstate-chain-mirror"));
        this.replayer = Executors.newSingleThreadExecutor(daemon("workstate-chain-replay"));
        this.folder = Executors.newSingleThreadScheduledExecutor(daemon("workstate-chain-fold"));
        this.prober = background ? Executors.newSingleThreadScheduledExecutor(daemon("workstate-chain-prober")) : null;
        this.workItems = readProxy(WorkItemPort.class, Store::workItems);
        this.vendors = readProxy(VendorPort.class, Store::vendors);
        this.deployments = readProxy(DeploymentPort.class, Store::deployments);
        this.configuration = readProxy(ConfigurationPort.class, Store::configuration);
        this.enhancements = readProxy(EnhancementPort.class, Store::enhancements);
        this.audit = readProxy(AuditPort.class, Store::audit);
        this.outbox = readProxy(OutboxPort.class, Store::outbox);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void start() {
        // layers mirrored in the background are also opened in the background: a one-shot command does not wait for
        // them unless a faster layer fails
        for (ChainLayer l : layers) {
            if (!l.asyncMirror) {
                l.open();
            }
        }
        if (layers.stream().noneMatch(ChainLayer::isOpen)) {
            for (ChainLayer l : layers) {
                l.open();
            }
        }
        if (layers.stream().noneMatch(ChainLayer::isOpen)) {
            StorageUnavailableException e = allDown();
            closeQuietly();
            throw e;
        }
        for (ChainLayer l : layers) {
            if (l.isUp() && mayHoldUnfolded(l)) {
                foldQuietly(l); // entries a crashed or concurrent process left, before anything compares the layer
            }
        }
        if (hasReplayablePending(false)) {
            if (background) {
                scheduleReplay();
            }
        } else {
            refreshLowerLayers(false);
        }
        for (ChainLayer l : layers) {
            if (l.asyncMirror && !l.isOpen()) {
                mirrorExecutor.execute(() -> {
                    if (!awaitBackgroundWanted()) {
                        return; // closed during the grace period: nothing was wanted from the layer
                    }
                    if (l.open() && background && hasReplayablePending(true)) {
                        scheduleReplay();
                    }
                });
            }
        }
        if (prober != null) {
            prober.scheduleWithFixedDelay(this::probeTick, 200, 200, TimeUnit.MILLISECONDS);
        }
    }

    // ---------------------------------------------------------------- Store

    @Override
    public String layer() {
        return "chain";
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

    /** The outbox of the layer that currently serves reads. */
    @Override
    public OutboxPort outbox() {
        return outbox;
    }

    @Override
    public boolean apply(Mutation mutation) {
        Objects.requireNonNull(mutation, "mutation");
        Tx tx = current.get();
        if (tx == null) {
            return inTransaction(() -> apply(mutation));
        }
        boolean applied = tx.layer().store().apply(mutation);
        if (applied) {
            tx.applied().add(mutation);
            if (tx.outboxed()) {
                tx.layer().store().outbox().append(mutation, tx.queuedAt());
            }
        }
        return applied;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        return onFirstUsable(layer -> writeOn(layer, work));
    }

    /**
     * On the top layer, hands the changes to that store's {@link Store#applyAll} (PostgreSQL writes an update and its
     * audit event as one auto-committed statement), then mirrors them as any write; on a lower layer they are applied
     * and queued in its outbox in one transaction, as {@link #inTransaction} does.
     */
    @Override
    public void applyAll(List<Mutation> mutations) {
        if (current.get() != null) {
            mutations.forEach(this::apply);
            return;
        }
        onFirstUsable(layer -> {
            if (layer.index > 0) {
                return writeOn(layer, () -> {
                    mutations.forEach(this::apply);
                    return null;
                });
            }
            return writeOn(layer, store -> {
                store.applyAll(mutations);
                current.get().applied().addAll(mutations);
                return null;
            }, null);
        });
    }

    /** {@code write} on the first usable layer, moving down past unreachable ones; all down: STORAGE_UNAVAILABLE. */
    private <T> T onFirstUsable(Function<ChainLayer, T> write) {
        for (ChainLayer layer : candidates()) {
            try {
                foldBeforeServing(layer);
                return write.apply(layer);
            } catch (StorageUnavailableException e) {
                down(layer, e);
            }
        }
        throw allDown();
    }

    @Override
    public void warmUp() {
        for (ChainLayer l : layers) {
            if (l.usable()) {
                try {
                    l.store().warmUp();
                } catch (RuntimeException e) {
                    LOG.debug("warming up the {} layer failed; its next call reports it", l.name, e);
                }
            }
        }
    }

    @Override
    public void ping() {
        for (ChainLayer layer : candidates()) {
            try {
                layer.store().ping();
                layer.checked();
                return;
            } catch (StorageUnavailableException e) {
                down(layer, e);
            }
        }
        throw allDown();
    }

    @Override
    public ServedBy servedBy() {
        ServedBy s = served.get();
        return s != null ? s : new ServedBy(layer(), false, null);
    }

    @Override
    public StorageStatus status() {
        List<StorageStatus.Layer> out = new ArrayList<>();
        String primary = null;
        long pending = 0;
        long conflicts = 0;
        Instant lastSync = lastSyncAt;
        for (ChainLayer l : layers) {
            long size = l.lastKnownOutbox();
            long inJournal = journaled.get(l.index).get();
            if (l.usable()) {
                try {
                    OutboxPort o = l.store().outbox();
                    size = o.size();
                    l.lastKnownOutbox(size);
                    conflicts += o.conflicts().size();
                    Instant there = o.lastSyncAt().orElse(null);
                    if (there != null && (lastSync == null || there.isAfter(lastSync))) {
                        lastSync = there; // another process synced later
                    }
                    if (l.index > 0 && !l.asyncMirror) {
                        // every process's entries, not only this one's
                        inJournal = l.store().mirrorJournal().map(MirrorJournalPort::size).orElse(0L);
                    }
                } catch (StorageUnavailableException e) {
                    down(l, e);
                }
            }
            if (primary == null && l.isUp()) {
                primary = l.name;
            }
            pending += size;
            out.add(new StorageStatus.Layer(l.name, l.isUp(), l.lastCheckAt(), l.reason(), size,
                    unmirrored.get(l.index).get(), inJournal, l.location()));
        }
        return new StorageStatus(out, primary, pending, conflicts, lastSync);
    }

    /** Every open conflict of every reachable layer, oldest first per layer. */
    public List<SyncConflict> conflicts() {
        List<SyncConflict> out = new ArrayList<>();
        for (ChainLayer l : layers) {
            if (l.usable()) {
                try {
                    out.addAll(l.store().outbox().conflicts());
                } catch (StorageUnavailableException e) {
                    down(l, e);
                }
            }
        }
        return out;
    }

    /** The layer names in chain order. */
    public List<String> layerNames() {
        return layers.stream().map(l -> l.name).toList();
    }

    /** The store of one layer, for administration and tests; empty when unknown or not open. */
    public Optional<Store> layerStore(String name) {
        return layers.stream().filter(l -> l.name.equals(name) && l.usable()).findFirst().map(ChainLayer::store);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (prober != null) {
            prober.shutdownNow();
        }
        replayer.shutdown();
        if (unmirrored.values().stream().anyMatch(n -> n.get() > 0)) {
            // writes of this process are queued for a background mirror: they are flushed before closing
            try {
                flushMirrors();
            } catch (RuntimeException e) {
                LOG.warn("flushing the mirror on close failed", e);
            }
            mirrorExecutor.shutdown();
            awaitQuietly(mirrorExecutor);
        } else {
            // Only background opening / refreshing is left (e.g. a read-only CLI call): abandon it rather than make
            // the caller wait for a large markdown directory to load. Nothing is lost: the primary holds every
            // write, and the next open refreshes the mirror from the audit log.
            mirrorExecutor.shutdownNow();
        }
        awaitQuietly(replayer);
        folder.shutdownNow();
        awaitQuietly(folder);
        // this process's mirrored writes go into the layers' tables before they close (a crash leaves them in the
        // journal, folded by the next open)
        foldJournals();
        closeQuietly();
    }

    /** Waits out the grace period unless a background layer is wanted sooner; false if interrupted (closing). */
    private boolean awaitBackgroundWanted() {
        try {
            backgroundWanted.await(BACKGROUND_OPEN_GRACE_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closeQuietly() {
        for (ChainLayer l : layers) {
            l.close();
        }
    }

    private static void awaitQuietly(ExecutorService e) {
        try {
            if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                e.shutdownNow();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- routing

    /** Layers to try, in order: those up; when none is up, those whose back-off has passed (tried inline). */
    private List<ChainLayer> candidates() {
        List<ChainLayer> up = new ArrayList<>(layers.size());
        for (ChainLayer l : layers) {
            if (l.isUp()) {
                up.add(l);
            }
        }
        if (!up.isEmpty()) {
            return up;
        }
        for (ChainLayer l : layers) {
            if (l.state() == ChainLayer.State.RECOVERING || l.probeDue()) {
                if (l.open()) {
                    up.add(l);
                }
            }
        }
        return up;
    }

    private <T> T read(Function<Store, T> call) {
        Tx tx = current.get();
        if (tx != null) {
            T r = call.apply(tx.layer().store());
            served.set(servedBy(tx.layer()));
            return r;
        }
        for (ChainLayer layer : candidates()) {
            try {
                foldBeforeServing(layer);
                T r = call.apply(layer.store());
                served.set(servedBy(layer));
                return r;
            } catch (StorageUnavailableException e) {
                down(layer, e);
            }
        }
        throw allDown();
    }

    private ServedBy servedBy(ChainLayer layer) {
        for (ChainLayer l : layers) {
            if (l.index >= layer.index) {
                break;
            }
            if (!l.isUp()) {
                return new ServedBy(layer.name, true,
                        l.name + " unavailable; served by " + layer.name + " (may be stale)");
            }
        }
        if (!layer.isUp()) {
            // used inline while every layer is marked down: writes queued below it may not be replayed yet
            return new ServedBy(layer.name, true, layer.name + " is recovering; served by " + layer.name
                    + " before queued writes were replayed (may be stale)");
        }
        return new ServedBy(layer.name, false, null);
    }

    private <P> P readProxy(Class<P> type, Function<Store, P> port) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "chain " + type.getSimpleName();
                };
            }
            return read(s -> invoke(method, port.apply(s), args));
        });
        return type.cast(proxy);
    }

    private static Object invoke(Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void down(ChainLayer layer, StorageUnavailableException e) {
        if (closed.get()) {
            // A background task that outlived close() met a layer close() already shut: not an outage.
            LOG.debug("layer {} closed under a background task: {}", layer.name, e.getMessage());
            return;
        }
        layer.markDown(e.getMessage(), e);
        for (ChainLayer l : layers) {
            if (l.index > layer.index) {
                // the layers below now serve: other processes may still have mirrored into their journals
                journalUnchecked.get(l.index).set(true);
            }
        }
    }

    private String line(ChainLayer l) {
        String r = l.reason() == null ? "unavailable" : l.reason();
        return r.startsWith(l.name) ? r : l.name + ": " + r;
    }

    private StorageUnavailableException allDown() {
        List<String> lines = layers.stream().map(this::line).toList();
        return new StorageUnavailableException("all storage layers are unavailable:\n" + String.join("\n", lines),
                lines, null);
    }

    // ---------------------------------------------------------------- writes and mirroring

    /**
     * Runs {@code work} in one transaction of {@code layer}, queueing every applied mutation in its outbox when it is
     * not the top layer, then mirrors the touched records into the layers below.
     */
    private <T> T writeOn(ChainLayer layer, Supplier<T> work) {
        return writeOn(layer, work, null);
    }

    /** As {@link #writeOn(ChainLayer, Supplier)}, not mirroring into {@code alreadyThere} (the replay's source). */
    private <T> T writeOn(ChainLayer layer, Supplier<T> work, ChainLayer alreadyThere) {
        return writeOn(layer, store -> store.inTransaction(work), alreadyThere);
    }

    /**
     * Runs {@code write} on {@code layer}'s store with this thread's chain transaction set (so {@link #apply} records
     * and queues each mutation), then mirrors what it applied into the layers below.
     */
    private <T> T writeOn(ChainLayer layer, Function<Store, T> write, ChainLayer alreadyThere) {
        Tx tx = new Tx(layer, layer.index > 0, Times.now(clock), new ArrayList<>());
        current.set(tx);
        T result;
        try {
            result = write.apply(layer.store());
        } finally {
            current.remove();
        }
        served.set(servedBy(layer));
        if (!tx.applied().isEmpty()) {
            mirrorBelow(layer, tx.applied(), alreadyThere);
        }
        return result;
    }

    private void mirrorBelow(ChainLayer source, List<Mutation> applied, ChainLayer skip) {
        Set<Mirror.Touch> touches = null;
        for (ChainLayer target : layers) {
            if (target.index <= source.index || !target.isUp() || target == skip) {
                continue;
            }
            if (target.asyncMirror) {
                if (touches == null) {
                    touches = Mirror.touches(applied);
                }
                unmirrored.get(target.index).addAndGet(touches.size());
                asyncQueue.add(new AsyncBatch(source, target, touches));
                backgroundWanted.countDown();
                if (asyncScheduled.compareAndSet(false, true)) {
                    try {
                        mirrorExecutor.execute(this::drainAsync);
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        asyncScheduled.set(false);
                        drainAsync();
                    }
                }
            } else if (Mirror.replicable(applied)) {
                MirrorJournalPort journal = target.store().mirrorJournal().orElse(null);
                if (journal != null) {
                    journalInto(source, target, journal, applied);
                } else {
                    replicateInto(source, target, applied);
                }
            } else {
                if (touches == null) {
                    touches = Mirror.touches(applied);
                }
                mirrorInto(source, target, touches);
            }
        }
    }

    /**
     * The write-through fast path into a layer with a journal: the transaction's own mutations as one journal entry,
     * committed in {@code target} before the write returns, folded into its tables in the background within
     * the fold delay (and before the layer serves anything).
     */
    private void journalInto(ChainLayer source, ChainLayer target, MirrorJournalPort journal, List<Mutation> applied) {
        synchronized (mirrorLocks.get(target.index)) {
            try {
                journal.append(applied);
                journaled.get(target.index).incrementAndGet();
            } catch (StorageUnavailableException e) {
                mirrorFailed(source, target, e);
                return;
            } catch (RuntimeException e) {
                LOG.warn("mirroring into {} failed; the next refresh repairs it", target.name, e);
                return;
            }
        }
        scheduleFold(target);
    }

    private void scheduleFold(ChainLayer target) {
        if (foldScheduled.get(target.index).compareAndSet(false, true)) {
            try {
                folder.schedule(() -> {
                    foldScheduled.get(target.index).set(false);
                    foldQuietly(target);
                }, journaled.get(target.index).get() >= FOLD_BATCH ? 0 : foldDelayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                foldScheduled.get(target.index).set(false); // closing: close() folds
            }
        }
    }

    /**
     * Folds {@code layer}'s journal before it serves a read or takes a write, so a fallback read sees every write the
     * layer above acknowledged. Free when nothing is pending (two flag reads).
     *
     * @throws StorageUnavailableException if the layer is unreachable
     */
    private void foldBeforeServing(ChainLayer layer) {
        if (mayHoldUnfolded(layer)) {
            fold(layer);
        }
    }

    /** Whether {@code layer}'s journal may hold entries: this process appended some, or another one may have. */
    private boolean mayHoldUnfolded(ChainLayer layer) {
        return journaled.get(layer.index).get() > 0 || journalUnchecked.get(layer.index).get();
    }

    /**
     * Folds every entry of {@code target}'s journal into its tables, from the first layer above that is up (or from
     * the entries alone when none is).
     *
     * @throws StorageUnavailableException if {@code target} (or the source it reads) is unreachable
     */
    private void fold(ChainLayer target) {
        if (target.asyncMirror) {
            return;
        }
        synchronized (mirrorLocks.get(target.index)) {
            MirrorJournalPort journal = target.store().mirrorJournal().orElse(null);
            // nothing appended here: a read (no write lock) tells whether another process left entries
            if (journal == null || (journaled.get(target.index).get() == 0 && journal.size() == 0)) {
                journalUnchecked.get(target.index).set(false);
                return;
            }
            ChainLayer source = firstUpAbove(target);
            Store src = source == null ? null : source.store();
            try {
                foldAll(src, target, journal);
            } catch (StorageUnavailableException e) {
                if (!failedOn(e, source)) {
                    throw e;
                }
                down(source, e);
                foldAll(null, target, journal); // from the entries alone
            }
            // appends hold the same lock: nothing was appended while folding
            journaled.get(target.index).set(0);
            journalUnchecked.get(target.index).set(false);
        }
    }

    private static void foldAll(Store src, ChainLayer target, MirrorJournalPort journal) {
        while (Mirror.fold(src, target.store(), journal, FOLD_BATCH) == FOLD_BATCH) {
            // a full batch: there may be more
        }
    }

    /** Folds every journal this process appended to and has not folded yet. */
    private void foldJournals() {
        for (ChainLayer l : layers) {
            if (journaled.get(l.index).get() > 0 && l.isUp()) {
                foldQuietly(l);
            }
        }
    }

    /** {@link #fold} from a background task or on open/close: failures are logged, the journal stays. */
    private void foldQuietly(ChainLayer target) {
        try {
            fold(target);
        } catch (StorageUnavailableException e) {
            down(target, e);
        } catch (RuntimeException e) {
            if (closed.get() || Thread.currentThread().isInterrupted()) {
                LOG.debug("folding the journal of {} abandoned at close", target.name, e);
            } else {
                LOG.warn("folding the journal of {} failed; it stays queued", target.name, e);
            }
        }
    }

    /** The write-through fast path: the transaction's own mutations into {@code target} (see Mirror#replicate). */
    private void replicateInto(ChainLayer source, ChainLayer target, List<Mutation> applied) {
        synchronized (mirrorLocks.get(target.index)) {
            try {
                Mirror.replicate(source.store(), target.store(), applied);
            } catch (StorageUnavailableException e) {
                mirrorFailed(source, target, e);
            } catch (RuntimeException e) {
                LOG.warn("mirroring into {} failed; the next refresh repairs it", target.name, e);
            }
        }
    }

    private void mirrorFailed(ChainLayer source, ChainLayer target, StorageUnavailableException e) {
        down(failedOn(e, source) ? source : target, e);
    }

    /** Whether a failure met while copying from {@code source} was {@code source}'s (its message names the layer). */
    private static boolean failedOn(StorageUnavailableException e, ChainLayer source) {
        return source != null && e.getMessage() != null && e.getMessage().startsWith(source.name);
    }

    private void mirrorInto(ChainLayer source, ChainLayer target, Collection<Mirror.Touch> touches) {
        synchronized (mirrorLocks.get(target.index)) {
            try {
                foldBeforeServing(target); // the journal's older writes first, so a put never lands before them
                Mirror.put(source.store(), target.store(), touches);
            } catch (StorageUnavailableException e) {
                mirrorFailed(source, target, e);
            } catch (RuntimeException e) {
                LOG.warn("mirroring into {} failed; the next refresh repairs it", target.name, e);
            }
        }
    }

    private void drainAsync() {
        asyncScheduled.set(false);
        Map<Integer, Set<Mirror.Touch>> byTarget = new java.util.TreeMap<>();
        Map<Integer, ChainLayer> sources = new java.util.HashMap<>();
        Map<Integer, Long> counted = new java.util.HashMap<>();
        AsyncBatch b;
        while ((b = asyncQueue.poll()) != null) {
            byTarget.computeIfAbsent(b.target().index, k -> new LinkedHashSet<>()).addAll(b.touches());
            sources.merge(b.target().index, b.source(), (x, y) -> x.index <= y.index ? x : y);
            counted.merge(b.target().index, (long) b.touches().size(), Long::sum);
        }
        for (var e : byTarget.entrySet()) {
            ChainLayer target = layers.get(e.getKey());
            ChainLayer source = sources.get(e.getKey());
            try {
                if (!source.isUp()) {
                    source = firstUpAbove(target);
                }
                if (source != null && target.isUp()) {
                    mirrorInto(source, target, e.getValue());
                }
            } finally {
                // a batch that could not be mirrored now is repaired by the next refresh (audit tail)
                unmirrored.get(e.getKey()).addAndGet(-counted.get(e.getKey()));
            }
        }
    }

    /**
     * Waits until every queued asynchronous mirror write has been applied and every mirror journal entry of this
     * process folded into its layer's tables.
     */
    public void flushMirrors() {
        foldJournals();
        backgroundWanted.countDown();
        try {
            // the executor is single-threaded and FIFO: when this task ran, every earlier batch was applied
            mirrorExecutor.submit(this::drainAsync).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            drainAsync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("flushing the mirror failed", e);
        }
    }

    private ChainLayer firstUpAbove(ChainLayer target) {
        for (ChainLayer l : layers) {
            if (l.index >= target.index) {
                return null;
            }
            if (l.isUp()) {
                return l;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- refresh

    /**
     * Brings every reachable layer below the primary up to date from it. The quick form (on open) trusts equal audit
     * counts and otherwise copies the audit tail; the full form (after a replay, on {@code sync}) compares audit event
     * ids, which also finds changes another client made to the primary while this chain was writing below it.
     */
    private void refreshLowerLayers(boolean full) {
        ChainLayer primary = layers.stream().filter(ChainLayer::isUp).findFirst().orElse(null);
        if (primary == null) {
            return;
        }
        for (ChainLayer target : layers) {
            if (target.index <= primary.index || !target.isUp()) {
                continue;
            }
            if (target.asyncMirror && !closed.get() && !full) {
                try {
                    mirrorExecutor.execute(() -> {
                        if (awaitBackgroundWanted()) {
                            refresh(primary, target, false);
                        }
                    });
                    continue;
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closing: refresh inline
                }
            }
            refresh(primary, target, full);
        }
    }

    private void refresh(ChainLayer source, ChainLayer target, boolean full) {
        try {
            foldBeforeServing(target); // the audit count below must include what the journal holds
            Store src = source.store();
            Store dst = target.store();
            long have = dst.audit().count();
            long want = src.audit().count();
            long pending = dst.outbox().size();
            if (!full && have == want && pending == 0) {
                return;
            }
            Set<UUID> known = full ? new java.util.HashSet<>() : null;
            long offset = Math.max(0, Math.min(have - pending, want));
            if (full) {
                for (int o = 0; ; o += PAGE * 5) {
                    List<AuditEvent> page = dst.audit().all(PAGE * 5, o);
                    page.forEach(e -> known.add(e.id()));
                    if (page.size() < PAGE * 5) {
                        break;
                    }
                }
                offset = 0;
            }
            LOG.debug("refreshing {} from {} ({}): {} audit events there, {} here", target.name, source.name,
                    full ? "full" : "tail", want, have);
            while (true) {
                List<AuditEvent> tail = src.audit().all(PAGE, (int) offset);
                if (tail.isEmpty()) {
                    break;
                }
                Set<Mirror.Touch> touches = new LinkedHashSet<>();
                for (AuditEvent e : tail) {
                    if (known == null || !known.contains(e.id())) {
                        Mirror.touch(e, touches);
                    }
                }
                if (!touches.isEmpty()) {
                    mirrorInto(source, target, touches);
                }
                offset += tail.size();
                if (tail.size() < PAGE) {
                    break;
                }
            }
            recordSync();
        } catch (RuntimeException e) {
            if (closed.get() || Thread.currentThread().isInterrupted()) {
                // abandoned by close(); the next open refreshes again from the audit log
                LOG.debug("refreshing {} from {} abandoned at close", target.name, source.name, e);
            } else if (e instanceof StorageUnavailableException) {
                LOG.warn("refreshing {} from {} failed: {}", target.name, source.name, e.getMessage());
            } else {
                LOG.warn("refreshing {} from {} failed", target.name, source.name, e);
            }
        }
    }

    /**
     * Notes a finished sync: in memory, and in every reachable layer that keeps it, so {@code sync --status} in
     * another process reports it too (one small write per sync, none on an open that finds the layers equal).
     */
    private void recordSync() {
        Instant now = clock.instant();
        lastSyncAt = now;
        for (ChainLayer l : layers) {
            if (l.isUp()) {
                try {
                    l.store().outbox().recordSync(now);
                } catch (StorageUnavailableException e) {
                    down(l, e);
                } catch (RuntimeException e) {
                    LOG.debug("recording the sync time in {} failed", l.name, e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- probing and replay

    private void probeTick() {
        try {
            boolean recovered = probe(false);
            if (recovered || (++probeTicks % 25 == 0 && hasReplayablePending(true))) {
                scheduleReplay();
            }
        } catch (RuntimeException e) {
            LOG.warn("storage probe failed", e);
        }
    }

    /**
     * Pings the layers marked down (all of them when {@code force}, else those whose back-off has passed); a layer
     * that answers becomes "recovering" until the outboxes below it are replayed.
     *
     * @return whether any layer answered again
     */
    private boolean probe(boolean force) {
        boolean any = false;
        for (ChainLayer l : layers) {
            if (l.isDown() && (force || l.probeDue())) {
                try {
                    if (!l.open()) {
                        continue;
                    }
                    l.store().ping();
                    l.markRecovering();
                    any = true;
                } catch (StorageUnavailableException e) {
                    down(l, e);
                } catch (RuntimeException e) {
                    l.markDown(l.name + " unavailable: probe failed", e);
                }
            }
        }
        return any || layers.stream().anyMatch(l -> l.state() == ChainLayer.State.RECOVERING);
    }

    private void scheduleReplay() {
        if (closed.get() || !replayQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            replayer.execute(() -> {
                replayQueued.set(false);
                try {
                    replayAndRecover(null);
                } catch (RuntimeException e) {
                    LOG.warn("background replay failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            replayQueued.set(false);
        }
    }

    /**
     * Probes every layer marked down, replays all outboxes into the first reachable higher layer, marks recovered
     * layers up and refreshes the lower layers from the primary. This is what {@code workstate sync} runs.
     */
    public SyncReport sync() {
        return sync(null);
    }

    /** As {@link #sync()}, reporting progress. */
    public SyncReport sync(Progress progress) {
        probe(true);
        return replayAndRecover(progress);
    }

    private SyncReport replayAndRecover(Progress progress) {
        synchronized (replayLock) {
            long[] counts = new long[2];
            List<String> notes = new ArrayList<>();
            replayAll(progress, counts, notes);
            boolean recovered = false;
            for (ChainLayer l : layers) {
                if (l.state() == ChainLayer.State.RECOVERING) {
                    l.markUp();
                    recovered = true;
                    notes.add(l.name + " is back");
                }
            }
            if (recovered) {
                // writes that raced with the end of the replay were queued below; replay them now
                replayAll(null, counts, notes);
            }
            refreshLowerLayers(true);
            long remaining = 0;
            for (ChainLayer l : layers) {
                if (l.usable()) {
                    try {
                        long s = l.store().outbox().size();
                        l.lastKnownOutbox(s);
                        remaining += s;
                    } catch (StorageUnavailableException e) {
                        down(l, e);
                        remaining += l.lastKnownOutbox();
                    }
                } else {
                    remaining += l.lastKnownOutbox();
                }
                if (l.isDown()) {
                    notes.add(line(l));
                }
            }
            recordSync();
            return new SyncReport(counts[0], counts[1], remaining, notes);
        }
    }

    private boolean hasReplayablePending(boolean openDeferred) {
        for (ChainLayer l : layers) {
            if (l.index == 0 || l.isDown() || (!openDeferred && !l.isOpen()) || !l.usable()) {
                continue;
            }
            if (replayTarget(l) == null) {
                continue;
            }
            try {
                long s = l.store().outbox().size();
                l.lastKnownOutbox(s);
                if (s > 0) {
                    return true;
                }
            } catch (StorageUnavailableException e) {
                down(l, e);
            }
        }
        return false;
    }

    /** The highest layer above {@code lower} that answers (up or recovering), or null. */
    private ChainLayer replayTarget(ChainLayer lower) {
        for (ChainLayer l : layers) {
            if (l.index >= lower.index) {
                return null;
            }
            if (l.usable()) {
                return l;
            }
        }
        return null;
    }

    private void replayAll(Progress progress, long[] counts, List<String> notes) {
        long total = 0;
        for (ChainLayer l : layers) {
            if (l.index > 0 && l.usable()) {
                try {
                    total += l.store().outbox().size();
                } catch (StorageUnavailableException e) {
                    down(l, e);
                }
            }
        }
        long[] done = {0};
        if (progress != null) {
            progress.update(0, total);
        }
        for (ChainLayer lower : layers) {
            if (lower.index == 0 || !lower.usable()) {
                continue;
            }
            replayLayer(lower, progress, total, done, counts, notes);
        }
    }

    private void replayLayer(ChainLayer lower, Progress progress, long total, long[] done, long[] counts,
                             List<String> notes) {
        Set<String> conflicted = new java.util.HashSet<>();
        while (!closed.get()) {
            if (replayTarget(lower) == null) {
                return;
            }
            List<OutboxEntry> batch;
            try {
                batch = lower.store().outbox().pending(PAGE);
            } catch (StorageUnavailableException e) {
                down(lower, e);
                return;
            }
            if (batch.isEmpty()) {
                lower.lastKnownOutbox(0);
                return;
            }
            int i = 0;
            while (i < batch.size()) {
                // the entries of one original transaction share their queued-at instant: replay them together
                int j = i + 1;
                while (j < batch.size() && batch.get(j).queuedAt().equals(batch.get(i).queuedAt())) {
                    j++;
                }
                List<OutboxEntry> group = batch.subList(i, j);
                i = j;
                if (closed.get() || !replayGroup(lower, group, conflicted, counts, notes)) {
                    return;
                }
                done[0] += group.size();
                if (progress != null) {
                    progress.update(done[0], Math.max(total, done[0]));
                }
            }
        }
    }

    /** Replays entries of one original transaction in one higher transaction; false when replay must stop. */
    private boolean replayGroup(ChainLayer lower, List<OutboxEntry> group, Set<String> conflicted, long[] counts,
                                List<String> notes) {
        ChainLayer to = replayTarget(lower);
        if (to == null) {
            return false;
        }
        List<Replayed> outcomes;
        try {
            outcomes = writeOn(to, () -> {
                Replayed[] out = new Replayed[group.size()];
                for (int k : replayOrder(group)) {
                    out[k] = replayOne(group.get(k), conflicted);
                }
                return List.of(out);
            }, lower);
        } catch (StorageUnavailableException e) {
            down(to, e);
            notes.add("replay into " + to.name + " stopped: " + line(to));
            return false;
        } catch (WorkstateException e) {
            if (group.size() > 1) {
                for (OutboxEntry entry : group) {
                    if (!replayGroup(lower, List.of(entry), conflicted, counts, notes)) {
                        return false;
                    }
                }
                return true;
            }
            outcomes = List.of(new Replayed(conflict(group.get(0), null, e.getMessage())));
        }
        if (replayHook != null) {
            for (OutboxEntry entry : group) {
                replayHook.afterHigherCommit(lower.name, to.name, entry);
            }
        }
        List<Replayed> results = outcomes;
        try {
            lower.store().inTransaction(() -> {
                OutboxPort o = lower.store().outbox();
                for (int k = 0; k < group.size(); k++) {
                    SyncConflict c = results.get(k).conflict();
                    if (c != null && o.conflict(c.id()).isEmpty()) {
                        o.recordConflict(c);
                    }
                    o.remove(group.get(k).seq());
                }
                return null;
            });
        } catch (StorageUnavailableException e) {
            down(lower, e);
            return false;
        }
        for (Replayed r : results) {
            if (r.conflict() != null) {
                counts[1]++;
                notes.add("conflict " + r.conflict().id() + " on " + r.conflict().entityType() + " "
                        + r.conflict().entityId());
            } else {
                counts[0]++;
            }
        }
        return true;
    }

    /**
     * The order to replay a group in: as queued, except that subtree moves go last. A move's descendants are re-pathed
     * only when its root's own update applied (the root is then at the new path), and a service may queue the two in
     * either order (it moves the descendants first, so that PostgreSQL serialises concurrent moves).
     */
    private static int[] replayOrder(List<OutboxEntry> group) {
        int[] order = new int[group.size()];
        int n = 0;
        for (int k = 0; k < group.size(); k++) {
            if (!(group.get(k).mutation() instanceof Mutation.MoveSubtree)) {
                order[n++] = k;
            }
        }
        for (int k = 0; k < group.size(); k++) {
            if (group.get(k).mutation() instanceof Mutation.MoveSubtree) {
                order[n++] = k;
            }
        }
        return order;
    }

    /** The result of replaying one entry: null conflict when applied or already there. */
    private record Replayed(SyncConflict conflict) {
    }

    /** Applies one queued mutation in the current (higher-layer) transaction, idempotently. */
    private Replayed replayOne(OutboxEntry entry, Set<String> conflicted) {
        Store at = current.get().layer().store();
        Mutation m = entry.mutation();
        String[] subject = Mirror.subjectOf(m);
        String key = subject[0] + "|" + subject[1] + "|" + entry.queuedAt();
        if (m instanceof Mutation.AppendAudit a) {
            if (conflicted.contains(key) || Mirror.hasAudit(at, a.event())) {
                return new Replayed(null);
            }
            apply(m);
            return new Replayed(null);
        }
        Optional<?> existing = currentRecord(at, m);
        Object mine = Mirror.recordOf(m);
        if (m instanceof Mutation.InsertWorkItem || m instanceof Mutation.InsertVendor
                || m instanceof Mutation.InsertEnhancement || m instanceof Mutation.InsertDeployment
                || m instanceof Mutation.InsertDependency) {
            if (existing.isPresent()) {
                if (existing.get().equals(mine) || m instanceof Mutation.InsertDependency) {
                    return new Replayed(null);
                }
                conflicted.add(key);
                return new Replayed(conflict(entry, existing.get(), null));
            }
        } else if (m instanceof Mutation.UpdateWorkItem || m instanceof Mutation.UpdateVendor
                || m instanceof Mutation.UpdateEnhancement || m instanceof Mutation.UpdateConfiguration) {
            long expected = expectedVersion(m);
            if (existing.isEmpty()) {
                conflicted.add(key);
                return new Replayed(conflict(entry, null, "the record does not exist there"));
            }
            if (versionOf(existing.get()) != expected) {
                if (existing.get().equals(mine)) {
                    return new Replayed(null);
                }
                conflicted.add(key);
                return new Replayed(conflict(entry, existing.get(), null));
            }
        } else if (m instanceof Mutation.MoveSubtree mv) {
            Optional<WorkItem> root = at.workItems().get(mv.rootId());
            if (root.isEmpty() || !root.get().path().equals(mv.newPath())) {
                return new Replayed(null);
            }
        } else if (m instanceof Mutation.DeleteDependency) {
            try {
                apply(m);
            } catch (NotFoundException e) {
                // already gone
            }
            return new Replayed(null);
        }
        String misplaced = misplaced(at, m);
        if (misplaced != null) {
            conflicted.add(key);
            return new Replayed(conflict(entry, existing.orElse(null), misplaced));
        }
        try {
            apply(m);
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (WorkstateException e) {
            conflicted.add(key);
            return new Replayed(conflict(entry, existing.orElse(null), e.getMessage()));
        }
        return new Replayed(null);
    }

    /**
     * Why a queued work-item create or update would put the item where its parent is not there: its path was built
     * from the parent's path as it was below, and another client may have moved the parent (or an ancestor) at the
     * top since. Null when the path fits, or the parent is missing there (the store's own refusal says so).
     */
    private static String misplaced(Store at, Mutation m) {
        if (!(Mirror.recordOf(m) instanceof WorkItem w)) {
            return null;
        }
        String there = placed(at, w).path();
        return there.equals(w.path()) ? null
                : "its parent " + w.parentId() + " moved there; under it the item's path would be " + there;
    }

    private SyncConflict conflict(OutboxEntry entry, Object theirs, String problem) {
        Mutation m = entry.mutation();
        String[] subject = Mirror.subjectOf(m);
        Object mine = Mirror.recordOf(m);
        String theirsJson = theirs != null ? Json.write(theirs)
                : problem != null ? Json.write(Map.of("error", problem)) : null;
        UUID id = UUID.nameUUIDFromBytes((subject[0] + "|" + subject[1] + "|" + entry.seq() + "|" + entry.queuedAt())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new SyncConflict(id, subject[0], subject[1], expectedVersionOrZero(m),
                theirs == null ? 0 : versionOf(theirs), clock.instant(), mine == null ? Json.write(m) : Json.write(mine),
                theirsJson, m);
    }

    private static Optional<?> currentRecord(Store at, Mutation m) {
        if (m instanceof Mutation.InsertWorkItem x) {
            return at.workItems().get(x.item().id());
        } else if (m instanceof Mutation.UpdateWorkItem x) {
            return at.workItems().get(x.item().id());
        } else if (m instanceof Mutation.InsertVendor x) {
            return at.vendors().get(x.vendor().id());
        } else if (m instanceof Mutation.UpdateVendor x) {
            return at.vendors().get(x.vendor().id());
        } else if (m instanceof Mutation.InsertEnhancement x) {
            return at.enhancements().get(x.enhancement().id());
        } else if (m instanceof Mutation.UpdateEnhancement x) {
            return at.enhancements().get(x.enhancement().id());
        } else if (m instanceof Mutation.InsertDeployment x) {
            return at.deployments().get(x.deployment().id());
        } else if (m instanceof Mutation.UpdateConfiguration) {
            return Optional.of(at.configuration().get());
        } else if (m instanceof Mutation.InsertDependency x) {
            var d = x.dependency();
            return at.workItems().dependenciesOf(d.sourceId()).stream()
                    .filter(e -> e.sourceId().equals(d.sourceId()) && e.targetId().equals(d.targetId())
                            && e.dependencyType() == d.dependencyType())
                    .findFirst();
        }
        return Optional.empty();
    }

    private static long expectedVersion(Mutation m) {
        if (m instanceof Mutation.UpdateWorkItem x) {
            return x.expectedVersion();
        } else if (m instanceof Mutation.UpdateVendor x) {
            return x.expectedVersion();
        } else if (m instanceof Mutation.UpdateEnhancement x) {
            return x.expectedVersion();
        } else if (m instanceof Mutation.UpdateConfiguration x) {
            return x.expectedVersion();
        }
        throw new IllegalArgumentException("not a versioned update");
    }

    private static long expectedVersionOrZero(Mutation m) {
        try {
            return expectedVersion(m);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    static long versionOf(Object record) {
        if (record instanceof WorkItem x) {
            return x.version();
        } else if (record instanceof dev.workstate.model.Vendor x) {
            return x.version();
        } else if (record instanceof dev.workstate.model.Enhancement x) {
            return x.version();
        } else if (record instanceof dev.workstate.model.ProjectConfiguration x) {
            return x.version();
        }
        return 0;
    }

    // ---------------------------------------------------------------- conflicts

    /**
     * Resolves a recorded conflict. {@code theirs} drops the queued change and refreshes the lower layers from the
     * primary; {@code mine} writes the queued record over the current one (as a new version, with a {@code resolve}
     * audit event by {@code actor}).
     *
     * @throws NotFoundException when no reachable layer holds the conflict
     * @throws ValidationException when {@code keep} is neither {@code mine} nor {@code theirs}
     */
    public SyncConflict resolve(UUID conflictId, String keep, String actor) {
        if (!"mine".equals(keep) && !"theirs".equals(keep)) {
            throw ValidationException.of("keep", "must be mine or theirs");
        }
        ChainLayer owner = null;
        SyncConflict conflict = null;
        for (ChainLayer l : layers) {
            if (!l.usable()) {
                continue;
            }
            try {
                Optional<SyncConflict> c = l.store().outbox().conflict(conflictId);
                if (c.isPresent()) {
                    owner = l;
                    conflict = c.get();
                    break;
                }
            } catch (StorageUnavailableException e) {
                down(l, e);
            }
        }
        if (conflict == null) {
            throw new NotFoundException("conflict", conflictId.toString());
        }
        Mutation m = conflict.mutation();
        if ("mine".equals(keep)) {
            inTransaction(() -> {
                writeMine(m, actor);
                return null;
            });
        }
        ChainLayer o = owner;
        o.store().outbox().removeConflict(conflictId);
        if ("theirs".equals(keep)) {
            ChainLayer primary = layers.stream().filter(ChainLayer::isUp).findFirst().orElse(null);
            if (primary != null) {
                Set<Mirror.Touch> touches = new LinkedHashSet<>();
                Mirror.touch(m, touches);
                for (ChainLayer t : layers) {
                    if (t.index > primary.index && t.isUp()) {
                        mirrorInto(primary, t, touches);
                    }
                }
            }
        }
        foldJournals(); // a resolution leaves every layer showing the outcome, as a sync does
        return conflict;
    }

    /**
     * {@code w} at the place its parent has in {@code at} now. A path is derived from the parent chain, and a queued
     * record's may predate a move of an ancestor there (the conflict of a replayed update whose item was re-pathed):
     * keeping "mine" keeps its content and its parent, not a path that no longer exists.
     */
    private static WorkItem placed(Store at, WorkItem w) {
        if (w.parentId() == null) {
            return w.toBuilder().under(null).build();
        }
        return at.workItems().get(w.parentId()).map(p -> w.toBuilder().under(p).build()).orElse(w);
    }

    /**
     * {@code w} if it and the {@code below} levels of its subtree stay within the depth limit at its place; otherwise
     * the resolution is refused (nothing written, the conflict stays open): the parent's place there may be deeper
     * than where the queued record was made.
     */
    private static WorkItem withinDepth(WorkItem w, int below) {
        int deepest = w.depth() + below;
        if (deepest > WorkItem.MAX_DEPTH) {
            throw ValidationException.of("keep", "keeping mine would put work item " + w.id() + (below > 0
                    ? " and its subtree down to depth " : " at depth ") + deepest + " under its parent's current place"
                    + " (maximum " + WorkItem.MAX_DEPTH + "); keep theirs, or move the parent and"
                    + " resolve again");
        }
        return w;
    }

    private void writeMine(Mutation m, String actor) {
        Instant now = Times.now(clock);
        Object mine = Mirror.recordOf(m);
        Store at = current.get().layer().store();
        Optional<?> existing = currentRecord(at, m);
        if (existing.isEmpty() || m instanceof Mutation.InsertDependency || m instanceof Mutation.InsertDeployment) {
            Mutation insert = m;
            if (mine instanceof WorkItem w) {
                insert = new Mutation.InsertWorkItem(withinDepth(placed(at, w), 0));
            } else if (m instanceof Mutation.UpdateVendor x) {
                insert = new Mutation.InsertVendor(x.vendor());
            } else if (m instanceof Mutation.UpdateEnhancement x) {
                insert = new Mutation.InsertEnhancement(x.enhancement());
            }
            if (existing.isEmpty()) {
                apply(insert);
            }
            String[] s = Mirror.subjectOf(m);
            EntityType type = EntityType.parse(s[0]).orElse(EntityType.WORK_ITEM);
            Object written = insert instanceof Mutation.InsertWorkItem x ? x.item() : mine;
            Audit.record(this, type, s[1], "resolve", actor, now, null, written);
            return;
        }
        Object before = existing.get();
        long cur = versionOf(before);
        Object after;
        EntityType type;
        String id;
        if (mine instanceof WorkItem w) {
            WorkItem old = (WorkItem) before;
            WorkItem nw = placed(at, w).toBuilder().version(cur + 1).build();
            withinDepth(nw, at.workItems().levelsBelow(old));
            apply(new Mutation.UpdateWorkItem(nw, cur));
            if (!old.path().equals(nw.path())) {
                apply(new Mutation.MoveSubtree(nw.id(), old.path(), nw.path(), nw.depth() - old.depth()));
            }
            after = nw;
            type = EntityType.WORK_ITEM;
            id = nw.id().toString();
        } else if (mine instanceof dev.workstate.model.Vendor v) {
            var nv = new dev.workstate.model.Vendor(v.id(), cur + 1, v.name(), v.status(), v.extractorVersion(),
                    v.metadata(), v.createdAt(), v.updatedAt(), v.createdBy(), v.updatedBy());
            apply(new Mutation.UpdateVendor(nv, cur));
            after = nv;
            type = EntityType.VENDOR;
            id = nv.id().toString();
        } else if (mine instanceof dev.workstate.model.Enhancement e) {
            var ne = new dev.workstate.model.Enhancement(e.id(), cur + 1, e.title(), e.description(), e.priority(),
                    e.status(), e.targetQuarter(), e.constitutionalPrinciples(), e.createdAt(), e.updatedAt(),
                    e.createdBy(), e.updatedBy());
            apply(new Mutation.UpdateEnhancement(ne, cur));
            after = ne;
            type = EntityType.ENHANCEMENT;
            id = ne.id().toString();
        } else if (mine instanceof dev.workstate.model.ProjectConfiguration c) {
            var nc = new dev.workstate.model.ProjectConfiguration(c.id(), c.activeContextType(), c.currentSessionId(),
                    c.gitBranch(), c.gitHeadCommit(), c.defaultTokenBudget(), c.databaseHealthy(),
                    c.lastHealthCheckAt(), cur + 1, c.updatedAt(), c.updatedBy());
            apply(new Mutation.UpdateConfiguration(nc, cur));
            after = nc;
            type = EntityType.CONFIGURATION;
            id = String.valueOf(nc.id());
        } else {
            throw ValidationException.of("keep", "this conflict can only be resolved with theirs");
        }
        Audit.record(this, type, id, "resolve", actor, now, before, after);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Builder of a {@link ChainStore}: layers in fallback order (top first).
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Supplier<Store>> openers = new ArrayList<>();
        private final Set<String> async = new java.util.HashSet<>();
        private Clock clock = Clock.systemUTC();
        private boolean background = true;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private ReplayHook replayHook;
        private Duration foldDelay = Duration.ofMillis(DEFAULT_FOLD_DELAY_MS);

        private Builder() {
        }

        /** Adds an already open store as the next (lower) layer, named by its {@link Store#layer()}. */
        public Builder layer(Store store) {
            return layer(store.layer(), () -> store);
        }

        /**
         * Adds the next (lower) layer, opened by {@code opener}; if opening fails with a connectivity error the layer
         * starts down and the prober keeps trying to open it.
         */
        public Builder layer(String name, Supplier<Store> opener) {
            if (names.contains(name)) {
                throw new IllegalArgumentException("duplicate layer name " + name);
            }
            names.add(name);
            openers.add(opener);
            return this;
        }

        /** Mirrors into this layer from a background thread (batched; flushed within a second and on close). */
        public Builder asyncMirror(String name) {
            async.add(name);
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        /** Whether to probe down layers and replay in the background (default true); tests call {@link #sync()}. */
        public Builder background(boolean v) {
            background = v;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        /**
         * How long a mirror journal entry waits for others before a background thread folds them into the layer's
         * tables (default 200 ms). Longer batches more entries per fold; a layer is folded before it serves, on
         * {@link ChainStore#flushMirrors()}, {@code sync} and close whatever this is.
         */
        public Builder foldDelay(Duration v) {
            if (v.isNegative()) {
                throw new IllegalArgumentException("negative fold delay");
            }
            foldDelay = v;
            return this;
        }

        /** A hook run during replay between the higher layer's commit and the outbox removal (tests). */
        public Builder replayHook(ReplayHook hook) {
            replayHook = hook;
            return this;
        }

        /**
         * Opens the layers (a layer that cannot be reached starts down), refreshes lower layers from the primary and
         * starts the background prober.
         *
         * @throws StorageUnavailableException when no layer can be opened
         */
        public ChainStore build() {
            if (names.isEmpty()) {
                throw new IllegalStateException("a chain needs at least one layer");
            }
            ChainStore chain = new ChainStore(this);
            chain.start();
            return chain;
        }
    }
}
