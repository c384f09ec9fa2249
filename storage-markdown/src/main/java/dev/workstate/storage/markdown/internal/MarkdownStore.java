package dev.workstate.storage.markdown.internal;

import dev.workstate.error.DuplicateException;
import dev.workstate.error.InternalException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.error.WorkstateException;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.EntityType;
import dev.workstate.model.Page;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemOutline;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.AuditPort;
import dev.workstate.port.ConfigurationPort;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.port.DeploymentPort;
import dev.workstate.port.EnhancementPort;
import dev.workstate.port.Mutation;
import dev.workstate.port.OutboxEntry;
import dev.workstate.port.OutboxPort;
import dev.workstate.port.StalePathException;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.Store;
import dev.workstate.port.SyncConflict;
import dev.workstate.port.VendorPort;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.port.WorkItemPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Markdown store: one file per record under a directory, all of it held in memory after open.
 *
 * <p>Writes: a transaction stages its changes in memory (with before-images for rollback) while holding the directory's
 * write lock (JVM lock + OS file lock on {@code .lock}); commit appends one entry with the new content of every changed
 * file to {@code journal.wal} and syncs it (the durability point), then writes each file atomically (temp + rename).
 * Other processes and handles catch up from the journal before they write (and on reads), so nobody loses a write; a
 * crash mid-commit is redone from the journal by the next writer or on open.
 *
 * <p>Thread-safe: reads take a shared lock, writers hold the exclusive lock for their whole transaction.
 */
public final class MarkdownStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(MarkdownStore.class);
    private static final long CHECKPOINT_BYTES = 8L * 1024 * 1024;
    private static final String WI = "WorkItem";
    private static final String VENDOR = "Vendor";

    private final Path dir;
    private final String client;
    private final boolean sync;
    private final Journal journal;
    private final DirLock dirLock;
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final ThreadLocal<Txn> txn = new ThreadLocal<>();
    private final Set<String> unsynced = new HashSet<>();
    private volatile State state;
    private long lastSeq;
    /** The newest journal entry seen, and whether this handle wrote it (see {@link #lockForWrite}). */
    private Journal.Entry lastEntry;
    private boolean lastEntryApplied = true;
    private long walOffset;
    private Object walKey;
    private String walId;
    private java.nio.file.attribute.FileTime walMtime;
    private volatile boolean closed;
    private volatile long openMillis;
    /** The thread writing the parse cache after this open, if any (see {@link #writeCacheInBackground}). */
    private volatile Thread cacheWriter;

    private final WorkItemPort workItems = new WorkItems();
    private final VendorPort vendors = new Vendors();
    private final DeploymentPort deployments = new Deployments();
    private final ConfigurationPort configuration = () -> read(() -> state.configuration);
    private final EnhancementPort enhancements = new Enhancements();
    private final AuditPort audit = new Audit();
    private final OutboxPort outbox = new Outbox();

    private MarkdownStore(Path dir, String client, boolean sync) throws IOException {
        this.dir = dir;
        this.client = client;
        this.sync = sync;
        Files.createDirectories(dir);
        for (String d : Layout.DIRS) {
            Files.createDirectories(dir.resolve(d));
        }
        this.journal = new Journal(dir, sync);
        this.dirLock = new DirLock(dir);
    }

    /** Opens (creating if needed) the store in {@code dir}; seeds the default configuration on first open. */
    public static MarkdownStore open(Path dir, String client) {
        return open(dir, client, true);
    }

    /**
     * Opens the store; with {@code sync} false nothing is fsynced (a process crash still loses nothing, a power loss
     * may lose recent writes), for tests and throw-away stores.
     */
    public static MarkdownStore open(Path dir, String client, boolean sync) {
        long start = System.nanoTime();
        try {
            MarkdownStore s = new MarkdownStore(dir.toAbsolutePath().normalize(), client, sync);
            s.recoverAndLoad();
            s.openMillis = (System.nanoTime() - start) / 1_000_000;
            LOG.debug("markdown store opened: {} work items in {} ms", s.state.items.size(), s.openMillis);
            return s;
        } catch (IOException e) {
            throw new StorageUnavailableException("markdown", "the store directory cannot be opened", e);
        }
    }

    /** Milliseconds the last open took (load of every file included). */
    public long openMillis() {
        return openMillis;
    }

    /** The directory this store keeps its files in. */
    public Path directory() {
        return dir;
    }

    /** Files that could not be read (hand-edited into an invalid state), each with its relative path and line. */
    public List<InvalidFileException> invalidFiles() {
        return readWithAudit(() -> List.copyOf(state.invalid.values()));
    }

    /** Reads the audit log now rather than on its first use (a server does this on its background opening thread). */
    @Override
    public void warmUp() {
        try {
            if (!closed) {
                readWithAudit(() -> null);
            }
        } catch (RuntimeException e) {
            LOG.debug("markdown store: audit log not read ahead; its first use reports it", e);
        }
    }

    // =================================================================== open, recovery, catch-up

    private void recoverAndLoad() throws IOException {
        // read while the journal is checked and the directories are listed (content-keyed: any order is safe)
        java.util.concurrent.CompletableFuture<ParseCache> cache =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> ParseCache.read(dir));
        dirLock.lock();
        try {
            Journal.Read r = journal.stat() == null ? null : journal.read(0);
            long base = 0;
            if (r != null) {
                base = Math.max(0, r.baseSeq());
                for (Journal.Entry e : r.entries()) {
                    redo(e);
                    base = Math.max(base, e.seq());
                }
            }
            if (r == null || !r.entries().isEmpty() || r.baseSeq() < 0 || r.size() != r.validEnd()) {
                syncUnsynced();
                walOffset = journal.reset(base);
            } else {
                walOffset = r.validEnd();
            }
            remember(journal.header().journalId());
            lastSeq = base;
            List<Path> temps = new ArrayList<>();
            state = Loader.load(dir, temps, cache::join);
            cleanTempFiles(temps);
            ParseCache.Next update = state.cacheUpdate;
            state.cacheUpdate = null;
            if (update != null) {
                writeCacheInBackground(update);
            }
            if (state.configuration == null && !state.invalid.containsKey(Layout.CONFIGURATION)) {
                Txn t = new Txn();
                t.locked = true;
                txn.set(t);
                try {
                    rw.writeLock().lock();
                    try {
                        t.configTouched = true;
                        t.configBefore = null;
                        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                        state.configuration = ProjectConfiguration.defaults(now, client);
                        commit(t);
                    } finally {
                        rw.writeLock().unlock();
                    }
                } finally {
                    txn.remove();
                }
            } else if (state.configuration == null) {
                // an invalid configuration file stays on disk for the user to fix; serve defaults meanwhile
                state.configuration = ProjectConfiguration.defaults(Instant.EPOCH, client);
            }
        } finally {
            dirLock.unlock();
        }
    }

    /**
     * Writes the parse cache on a daemon thread, so the open returns at once; {@link #close} waits for it, so a
     * one-shot command leaves a fresh cache for the next one. No lock is taken: the cache is keyed by file content,
     * and never delays a writer.
     */
    private void writeCacheInBackground(ParseCache.Next update) {
        Thread t = new Thread(() -> update.write(dir), "markdown-parse-cache");
        t.setDaemon(true);
        cacheWriter = t;
        t.start();
    }

    /**
     * Removes stale temporary files: {@code found} (met while loading the record directories, under the directory lock,
     * so no writer is using them) and those in the directories the load does not list.
     */
    private void cleanTempFiles(List<Path> found) throws IOException {
        for (Path p : found) {
            LOG.info("removing stale temporary file {}", dir.relativize(p));
            Files.deleteIfExists(p);
        }
        List<Path> dirs = new ArrayList<>();
        dirs.add(dir);
        List<String> listedByLoad = List.of(Loader.RECORD_DIRS);
        for (String d : Layout.DIRS) {
            if (!listedByLoad.contains(d)) {
                dirs.add(dir.resolve(d));
            }
        }
        for (Path d : dirs) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, ".*" + FileOps.TEMP_SUFFIX)) {
                for (Path p : ds) {
                    LOG.info("removing stale temporary file {}", dir.relativize(p));
                    Files.deleteIfExists(p);
                }
            } catch (NoSuchFileException ignored) {
                // directory removed by hand; recreated on the next write
            }
        }
    }

    /** Re-applies one journal entry's file changes on disk (idempotent). */
    private void redo(Journal.Entry e) throws IOException {
        for (Journal.Op op : e.ops()) {
            Path p = resolve(op.path());
            switch (op.kind()) {
                case "put" -> FileOps.writeAtomic(p, op.data(), false);
                case "delete" -> Files.deleteIfExists(p);
                case "append" -> FileOps.appendAt(p, op.offset(), op.data());
                default -> throw new IOException("unknown journal operation " + op.kind());
            }
            unsynced.add(op.path());
        }
    }

    private Path resolve(String rel) throws IOException {
        Path p = dir.resolve(rel).normalize();
        if (!p.startsWith(dir) || p.equals(dir)) {
            throw new IOException("journal path outside the store: " + rel);
        }
        return p;
    }

    private void syncUnsynced() {
        if (!sync) {
            unsynced.clear();
            return;
        }
        Set<Path> dirs = new HashSet<>();
        List<Path> files = new ArrayList<>();
        for (String rel : unsynced) {
            Path p = dir.resolve(rel);
            files.add(p);
            dirs.add(p.getParent());
        }
        files.parallelStream().forEach(FileOps::sync);
        dirs.forEach(FileOps::syncDir);
        unsynced.clear();
    }

    /** Checks the journal for changes made by other processes or handles and applies them to memory. */
    private void refresh() {
        if (closed) {
            throw new StorageUnavailableException("markdown", "the store is closed", null);
        }
        Txn t = txn.get();
        if (t != null && t.locked) {
            return;
        }
        if (unchanged(journal.stat())) {
            return;
        }
        boolean reload;
        rw.writeLock().lock();
        try {
            reload = !catchUp(false);
        } catch (IOException e) {
            LOG.warn("markdown store: cannot read the journal", e);
            return;
        } finally {
            rw.writeLock().unlock();
        }
        if (reload) {
            // reloading the files needs the directory lock, or a writer's half-renamed transaction could be read
            try {
                underWriteLocks(() -> {
                    catchUp(true);
                    return null;
                });
            } catch (IOException e) {
                LOG.warn("markdown store: cannot reload the directory", e);
            }
        }
    }

    /** Whether the journal is byte for byte where this handle left it (identity, size and modification time). */
    private boolean unchanged(BasicFileAttributes a) {
        return a != null && Objects.equals(a.fileKey(), walKey) && a.size() == walOffset
                && a.lastModifiedTime().equals(walMtime);
    }

    /** Remembers the journal's identity after reading or writing it; the id tells a replaced journal apart. */
    private void remember(String id) {
        BasicFileAttributes a = journal.stat();
        if (a != null) {
            walKey = a.fileKey();
            walMtime = a.lastModifiedTime();
        }
        if (id != null) {
            walId = id;
        }
    }

    /**
     * Applies journal entries not seen yet to memory. With the file lock held it also redoes the newest entry on disk
     * unless this handle wrote it: every writer applies its entry before releasing the lock, so only the newest entry
     * can be unapplied, when its writer died between the journal sync and the file renames.
     *
     * @return false when the files must be reloaded and that needs the file lock this call does not hold
     */
    private boolean catchUp(boolean underFileLock) throws IOException {
        BasicFileAttributes a = journal.stat();
        if (a == null) {
            if (underFileLock) {
                walOffset = journal.reset(lastSeq);
                remember(journal.header().journalId());
            }
            return true;
        }
        if (unchanged(a)) {
            if (underFileLock && !lastEntryApplied && lastEntry != null) {
                redo(lastEntry);
                lastEntryApplied = true;
            }
            return true;
        }
        Journal.Read r;
        List<Journal.Entry> fresh;
        Journal.Read head = journal.header();
        if (!Objects.equals(head.journalId(), walId) || head.journalId() == null || a.size() < walOffset) {
            r = journal.read(0);
            if (r.baseSeq() > lastSeq || r.baseSeq() < 0) {
                // entries we never saw were checkpointed away: reload everything from the files
                if (!underFileLock) {
                    return false;
                }
                if (!r.entries().isEmpty()) {
                    redo(r.entries().get(r.entries().size() - 1));
                }
                lastEntry = null;
                lastEntryApplied = true;
                State s = Loader.load(dir);
                if (s.configuration == null) {
                    s.configuration = state.configuration;
                }
                state = s;
                lastSeq = Math.max(r.baseSeq(), r.entries().isEmpty() ? 0 : r.entries().get(r.entries().size() - 1)
                        .seq());
                walOffset = r.validEnd();
                remember(r.journalId());
                r.entries().forEach(e -> e.ops().forEach(op -> unsynced.add(op.path())));
                return true;
            }
            fresh = r.entries().stream().filter(e -> e.seq() > lastSeq).toList();
        } else {
            r = journal.read(walOffset);
            fresh = r.entries();
        }
        for (Journal.Entry e : fresh) {
            lastEntry = e;
            lastEntryApplied = false;
            for (Journal.Op op : e.ops()) {
                Loader.applyOp(state, op);
                unsynced.add(op.path());
            }
            lastSeq = e.seq();
        }
        walOffset = r.validEnd();
        remember(r.journalId());
        if (underFileLock && !lastEntryApplied && lastEntry != null) {
            redo(lastEntry);
            lastEntryApplied = true;
        }
        return true;
    }

    // =================================================================== transactions

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (txn.get() != null) {
            return work.get();
        }
        if (closed) {
            throw new StorageUnavailableException("markdown", "the store is closed", null);
        }
        Txn t = new Txn();
        txn.set(t);
        try {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                if (t.locked) {
                    rollback(t);
                }
                throw e;
            }
            if (t.locked) {
                commit(t);
            }
            return result;
        } finally {
            txn.remove();
            if (t.locked) {
                rw.writeLock().unlock();
                dirLock.unlock();
            }
        }
    }

    private void lockForWrite(Txn t) {
        if (t.locked) {
            return;
        }
        try {
            dirLock.lock();
        } catch (IOException e) {
            throw new StorageUnavailableException("markdown", "the store lock cannot be taken", e);
        }
        rw.writeLock().lock();
        t.locked = true;
        try {
            catchUp(true);
            loadAuditLocked();
        } catch (IOException e) {
            throw new StorageUnavailableException("markdown", "the journal cannot be read", e);
        }
        t.auditSegmentBefore = state.auditSegment;
        t.auditSegmentLinesBefore = state.auditSegmentLines;
        t.outboxHighBefore = state.outboxHighSeq;
    }

    private void commit(Txn t) {
        if (t.isEmpty()) {
            return;
        }
        State s = state;
        List<Journal.Op> ops = new ArrayList<>();
        t.items.keySet().forEach(id -> {
            WorkItem w = s.items.get(id);
            ops.add(w == null ? Journal.Op.delete(Layout.workItem(id))
                    : Journal.Op.put(Layout.workItem(id), RecordCodec.workItem(w)));
        });
        t.vendors.keySet().forEach(id -> {
            Vendor v = s.vendors.get(id);
            ops.add(v == null ? Journal.Op.delete(Layout.vendor(id))
                    : Journal.Op.put(Layout.vendor(id), RecordCodec.vendor(v)));
        });
        t.deployments.keySet().forEach(id -> {
            Deployment d = s.deployments.get(id);
            ops.add(d == null ? Journal.Op.delete(Layout.deployment(id))
                    : Journal.Op.put(Layout.deployment(id), RecordCodec.deployment(d)));
        });
        t.enhancements.keySet().forEach(id -> {
            Enhancement e = s.enhancements.get(id);
            ops.add(e == null ? Journal.Op.delete(Layout.enhancement(id))
                    : Journal.Op.put(Layout.enhancement(id), RecordCodec.enhancement(e)));
        });
        t.deps.keySet().forEach(k -> {
            Dependency d = s.deps.get(k);
            ops.add(d == null ? Journal.Op.delete(Layout.dependency(k))
                    : Journal.Op.put(Layout.dependency(k), RecordCodec.dependency(d)));
        });
        if (t.configTouched) {
            ops.add(Journal.Op.put(Layout.CONFIGURATION, RecordCodec.configuration(s.configuration)));
        }
        try {
            if (t.auditAppended > 0) {
                auditOps(t, s, ops);
            }
            t.outbox.keySet().forEach(seq -> {
                OutboxEntry e = s.outbox.get(seq);
                ops.add(e == null ? Journal.Op.delete(Layout.outbox(seq))
                        : Journal.Op.put(Layout.outbox(seq), JsonCodec.outbox(e)));
            });
            t.conflicts.keySet().forEach(id -> {
                SyncConflict c = s.conflicts.get(id);
                ops.add(c == null ? Journal.Op.delete(Layout.conflict(id))
                        : Journal.Op.put(Layout.conflict(id), JsonCodec.conflict(c)));
            });
        } catch (IOException | RuntimeException e) {
            rollback(t);
            throw e instanceof WorkstateException we ? we
                    : new InternalException("the markdown store could not encode a record", e);
        }
        Journal.Entry entry = new Journal.Entry(lastSeq + 1, ops);
        try {
            walOffset = journal.append(entry, walOffset);
            remember(null);
        } catch (IOException e) {
            rollback(t);
            throw new StorageUnavailableException("markdown", "the journal cannot be written", e);
        }
        lastSeq = entry.seq();
        lastEntry = entry;
        lastEntryApplied = false;
        try {
            redo(entry);
            lastEntryApplied = true;
        } catch (IOException e) {
            // committed in the journal: the next writer or open redoes the files
            LOG.error("markdown store: files of committed entry {} not written yet", entry.seq(), e);
        }
        if (walOffset > CHECKPOINT_BYTES) {
            checkpoint();
        }
    }

    private void auditOps(Txn t, State s, List<Journal.Op> ops) throws IOException {
        List<AuditEvent> added = s.audit.subList(s.audit.size() - t.auditAppended, s.audit.size());
        int seg = t.auditSegmentBefore;
        int lines = t.auditSegmentLinesBefore;
        StringBuilder buf = new StringBuilder();
        for (AuditEvent e : added) {
            if (lines >= Layout.AUDIT_SEGMENT_LINES) {
                flushAudit(seg, buf, ops);
                seg++;
                lines = 0;
            }
            buf.append(JsonCodec.auditLine(e)).append('\n');
            lines++;
        }
        flushAudit(seg, buf, ops);
        // where the next append goes (rollback restores the values from before the transaction)
        s.auditSegment = seg;
        s.auditSegmentLines = lines;
    }

    private void flushAudit(int seg, StringBuilder buf, List<Journal.Op> ops) throws IOException {
        if (buf.length() == 0) {
            return;
        }
        String rel = Layout.auditSegment(seg);
        Path p = dir.resolve(rel);
        long offset = Files.exists(p) ? Files.size(p) : 0;
        ops.add(Journal.Op.append(rel, offset, buf.toString()));
        buf.setLength(0);
    }

    private void rollback(Txn t) {
        State s = state;
        t.items.forEach((id, before) -> {
            if (before == null) {
                s.removeItem(id);
            } else {
                s.putItem(before);
            }
        });
        t.vendors.forEach((id, before) -> {
            if (before == null) {
                s.removeVendor(id);
            } else {
                s.putVendor(before);
            }
        });
        t.deployments.forEach((id, before) -> {
            if (before == null) {
                s.deployments.remove(id);
            } else {
                s.deployments.put(id, before);
            }
        });
        t.enhancements.forEach((id, before) -> {
            if (before == null) {
                s.enhancements.remove(id);
            } else {
                s.enhancements.put(id, before);
            }
        });
        t.deps.forEach((k, before) -> {
            if (before == null) {
                s.removeDep(k);
            } else {
                s.putDep(before);
            }
        });
        if (t.configTouched && t.configBefore != null) {
            s.configuration = t.configBefore;
        }
        for (int i = 0; i < t.auditAppended; i++) {
            s.removeLastAudit();
        }
        s.auditSegment = t.auditSegmentBefore;
        s.auditSegmentLines = t.auditSegmentLinesBefore;
        t.outbox.forEach((seq, before) -> {
            if (before == null) {
                s.outbox.remove(seq);
            } else {
                s.outbox.put(seq, before);
            }
        });
        s.outboxHighSeq = t.outboxHighBefore;
        t.conflicts.forEach((id, before) -> {
            if (before == null) {
                s.conflicts.remove(id);
            } else {
                s.conflicts.put(id, before);
            }
        });
    }

    /** Makes every file written since the last checkpoint durable, then empties the journal. Caller holds the locks. */
    private void checkpoint() {
        try {
            syncUnsynced();
            walOffset = journal.reset(lastSeq);
            remember(journal.header().journalId());
        } catch (IOException e) {
            LOG.warn("markdown store: checkpoint failed; the journal is kept", e);
        }
    }

    /**
     * Whether the journal holds anything past its header (entries, a torn tail, or a header that does not continue from
     * this handle's last sequence): when it does not, a checkpoint would rewrite the same empty journal, with two
     * fsyncs, for nothing. Caller holds the locks and has caught up, so {@code walOffset} is the journal's valid end.
     */
    private boolean journalHasEntries() throws IOException {
        Journal.Read head = journal.header();
        return head.validEnd() != walOffset || head.size() != walOffset || head.baseSeq() != lastSeq;
    }

    private Txn writeTxn() {
        Txn t = txn.get();
        if (t == null) {
            throw new IllegalStateException("no transaction");
        }
        lockForWrite(t);
        return t;
    }

    // =================================================================== mutations

    @Override
    public boolean apply(Mutation mutation) {
        if (txn.get() == null) {
            return inTransaction(() -> apply(mutation));
        }
        Txn t = writeTxn();
        State s = state;
        if (mutation instanceof Mutation.InsertWorkItem m) {
            return insertItem(t, s, m.item());
        } else if (mutation instanceof Mutation.UpdateWorkItem m) {
            return updateItem(t, s, m.item(), m.expectedVersion(), m.expectedPath());
        } else if (mutation instanceof Mutation.MoveSubtree m) {
            return moveSubtree(t, s, m);
        } else if (mutation instanceof Mutation.ClaimWorkItem m) {
            return claim(t, s, m);
        } else if (mutation instanceof Mutation.ReleaseClaim m) {
            return release(t, s, m);
        } else if (mutation instanceof Mutation.InsertDependency m) {
            return insertDep(t, s, m.dependency());
        } else if (mutation instanceof Mutation.DeleteDependency m) {
            return deleteDep(t, s, m);
        } else if (mutation instanceof Mutation.InsertVendor m) {
            return insertVendor(t, s, m.vendor());
        } else if (mutation instanceof Mutation.UpdateVendor m) {
            return updateVendor(t, s, m.vendor(), m.expectedVersion());
        } else if (mutation instanceof Mutation.InsertDeployment m) {
            return insertDeployment(t, s, m.deployment());
        } else if (mutation instanceof Mutation.UpdateConfiguration m) {
            return updateConfiguration(t, s, m.configuration(), m.expectedVersion());
        } else if (mutation instanceof Mutation.InsertEnhancement m) {
            return insertEnhancement(t, s, m.enhancement());
        } else if (mutation instanceof Mutation.UpdateEnhancement m) {
            return updateEnhancement(t, s, m.enhancement(), m.expectedVersion());
        } else if (mutation instanceof Mutation.AppendAudit m) {
            return appendAudit(t, s, m.event());
        }
        throw new IllegalArgumentException("unknown mutation " + mutation.getClass().getSimpleName());
    }

    private static void touchItem(Txn t, State s, UUID id) {
        if (!t.items.containsKey(id)) {
            t.items.put(id, s.items.get(id));
        }
    }

    private boolean insertItem(Txn t, State s, WorkItem w) {
        if (s.items.containsKey(w.id())) {
            throw new DuplicateException(WI, w.id().toString(), w.id().toString());
        }
        requireParent(s, w);
        touchItem(t, s, w.id());
        s.putItem(w);
        return true;
    }

    private boolean updateItem(Txn t, State s, WorkItem w, long expected, String expectedPath) {
        WorkItem cur = s.items.get(w.id());
        if (cur == null) {
            throw new NotFoundException(WI, w.id().toString());
        }
        if (cur.version() != expected) {
            throw new VersionConflictException("WorkItem", w.id().toString(), expected, cur.version(),
                    cur.updatedBy(), cur);
        }
        if (expectedPath != null && !expectedPath.equals(cur.path())) {
            throw new StalePathException(w.id().toString(), expectedPath, cur.path());
        }
        requireParent(s, w);
        touchItem(t, s, w.id());
        // a lease is not content: an update never takes or drops a claim
        s.putItem(w.toBuilder().claimedBy(cur.claimedBy()).claimExpiresAt(cur.claimExpiresAt()).build());
        return true;
    }

    private static void requireParent(State s, WorkItem w) {
        if (w.parentId() != null && !s.items.containsKey(w.parentId())) {
            throw new NotFoundException(WI, w.parentId().toString());
        }
    }

    private boolean moveSubtree(Txn t, State s, Mutation.MoveSubtree m) {
        String prefix = m.oldPath() + "/";
        List<UUID> ids = new ArrayList<>(s.byPath.subMap(prefix, true, m.oldPath() + "0", false).values());
        for (UUID id : ids) {
            WorkItem w = s.items.get(id);
            if (w == null || !w.path().startsWith(prefix)) {
                continue;
            }
            touchItem(t, s, id);
            s.putItem(w.toBuilder().path(m.newPath() + w.path().substring(m.oldPath().length()))
                    .depth(w.depth() + m.depthDelta()).build());
        }
        return true;
    }

    private boolean claim(Txn t, State s, Mutation.ClaimWorkItem m) {
        WorkItem cur = s.items.get(m.id());
        if (cur == null) {
            throw new NotFoundException(WI, m.id().toString());
        }
        boolean free = cur.claimedBy() == null || cur.claimExpiresAt() == null
                || !cur.claimExpiresAt().isAfter(m.now()) || cur.claimedBy().equals(m.claimedBy());
        if (!free) {
            return false;
        }
        touchItem(t, s, m.id());
        s.putItem(cur.toBuilder().claimedBy(m.claimedBy()).claimExpiresAt(m.expiresAt()).build());
        return true;
    }

    private boolean release(Txn t, State s, Mutation.ReleaseClaim m) {
        WorkItem cur = s.items.get(m.id());
        if (cur == null) {
            throw new NotFoundException(WI, m.id().toString());
        }
        if (cur.claimedBy() == null || !cur.claimedBy().equals(m.claimedBy())) {
            return false;
        }
        touchItem(t, s, m.id());
        s.putItem(cur.toBuilder().claimedBy(null).claimExpiresAt(null).build());
        return true;
    }

    private boolean insertDep(Txn t, State s, Dependency d) {
        for (UUID id : List.of(d.sourceId(), d.targetId())) {
            if (!s.items.containsKey(id)) {
                throw new NotFoundException(WI, id.toString());
            }
        }
        DepKey k = DepKey.of(d);
        if (s.deps.containsKey(k)) {
            throw new DuplicateException("Dependency", d.sourceId() + " " + d.dependencyType().wire() + " "
                    + d.targetId(), null);
        }
        if (!t.deps.containsKey(k)) {
            t.deps.put(k, null);
        }
        s.putDep(d);
        return true;
    }

    private boolean deleteDep(Txn t, State s, Mutation.DeleteDependency m) {
        DepKey k = new DepKey(m.sourceId(), m.targetId(), m.dependencyType());
        Dependency cur = s.deps.get(k);
        if (cur == null) {
            throw new NotFoundException("Dependency", m.sourceId() + " " + m.dependencyType().wire() + " "
                    + m.targetId());
        }
        if (!t.deps.containsKey(k)) {
            t.deps.put(k, cur);
        }
        s.removeDep(k);
        return true;
    }

    private boolean insertVendor(Txn t, State s, Vendor v) {
        if (s.vendors.containsKey(v.id())) {
            throw new DuplicateException(VENDOR, v.id().toString(), v.id().toString());
        }
        UUID existing = s.vendorByName.get(State.vendorKey(v.name()));
        if (existing != null) {
            throw new DuplicateException(VENDOR, v.name(), existing.toString());
        }
        if (!t.vendors.containsKey(v.id())) {
            t.vendors.put(v.id(), null);
        }
        s.putVendor(v);
        return true;
    }

    private boolean updateVendor(Txn t, State s, Vendor v, long expected) {
        Vendor cur = s.vendors.get(v.id());
        if (cur == null) {
            throw new NotFoundException(VENDOR, v.id().toString());
        }
        if (cur.version() != expected) {
            throw new VersionConflictException("Vendor", v.id().toString(), expected, cur.version(), cur.updatedBy(),
                    cur);
        }
        UUID existing = s.vendorByName.get(State.vendorKey(v.name()));
        if (existing != null && !existing.equals(v.id())) {
            throw new DuplicateException(VENDOR, v.name(), existing.toString());
        }
        if (!t.vendors.containsKey(v.id())) {
            t.vendors.put(v.id(), cur);
        }
        s.putVendor(v);
        return true;
    }

    private boolean insertDeployment(Txn t, State s, Deployment d) {
        if (s.deployments.containsKey(d.id())) {
            throw new DuplicateException("Deployment", d.id().toString(), d.id().toString());
        }
        for (UUID id : d.vendorIds()) {
            if (!s.vendors.containsKey(id)) {
                throw new NotFoundException(VENDOR, id.toString());
            }
        }
        for (UUID id : d.workItemIds()) {
            if (!s.items.containsKey(id)) {
                throw new NotFoundException(WI, id.toString());
            }
        }
        if (new HashSet<>(d.vendorIds()).size() != d.vendorIds().size()
                || new HashSet<>(d.workItemIds()).size() != d.workItemIds().size()) {
            throw new DuplicateException("Deployment", d.id().toString(), d.id().toString());
        }
        if (!t.deployments.containsKey(d.id())) {
            t.deployments.put(d.id(), null);
        }
        s.deployments.put(d.id(), d);
        return true;
    }

    private boolean updateConfiguration(Txn t, State s, ProjectConfiguration c, long expected) {
        ProjectConfiguration cur = s.configuration;
        if (cur.version() != expected) {
            throw new VersionConflictException("ProjectConfiguration", String.valueOf(cur.id()), expected,
                    cur.version(), cur.updatedBy(), cur);
        }
        if (!t.configTouched) {
            t.configTouched = true;
            t.configBefore = cur;
        }
        s.configuration = c;
        return true;
    }

    private boolean insertEnhancement(Txn t, State s, Enhancement e) {
        if (s.enhancements.containsKey(e.id())) {
            throw new DuplicateException("Enhancement", e.id().toString(), e.id().toString());
        }
        if (!t.enhancements.containsKey(e.id())) {
            t.enhancements.put(e.id(), null);
        }
        s.enhancements.put(e.id(), e);
        return true;
    }

    private boolean updateEnhancement(Txn t, State s, Enhancement e, long expected) {
        Enhancement cur = s.enhancements.get(e.id());
        if (cur == null) {
            throw new NotFoundException("Enhancement", e.id().toString());
        }
        if (cur.version() != expected) {
            throw new VersionConflictException("Enhancement", e.id().toString(), expected, cur.version(),
                    cur.updatedBy(), cur);
        }
        if (!t.enhancements.containsKey(e.id())) {
            t.enhancements.put(e.id(), cur);
        }
        s.enhancements.put(e.id(), e);
        return true;
    }

    private boolean appendAudit(Txn t, State s, AuditEvent e) {
        if (s.auditIds.contains(e.id())) {
            throw new DuplicateException("AuditEvent", e.id().toString(), e.id().toString());
        }
        s.addAudit(e);
        t.auditAppended++;
        return true;
    }

    // =================================================================== reads

    /** Work that may fail with an {@link IOException}. */
    @FunctionalInterface
    private interface IoWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} holding the directory lock and then the write lock, the order every writer takes them in
     * (catching up with the journal or reloading the files needs both: a writer's half-renamed transaction must not be
     * read).
     */
    private <T> T underWriteLocks(IoWork<T> work) throws IOException {
        dirLock.lock();
        try {
            rw.writeLock().lock();
            try {
                return work.run();
            } finally {
                rw.writeLock().unlock();
            }
        } finally {
            dirLock.unlock();
        }
    }

    /**
     * Reads the audit log into the state if it is not there yet. It is read on first use, not at open: a one-shot
     * process that only reads records never pays for it. Caller holds the directory lock and the write lock and has
     * caught up with the journal, so the segment files hold exactly the events of the state's journal position.
     */
    private void loadAuditLocked() throws IOException {
        if (!state.auditLoaded) {
            long start = System.nanoTime();
            Loader.loadAudit(dir, state);
            LOG.debug("markdown store: audit log read ({} events) in {} ms", state.audit.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Like {@link #read}, after making sure the audit log is loaded. */
    private <T> T readWithAudit(Supplier<T> work) {
        Txn t = txn.get();
        try {
            if (t != null && t.locked) {
                loadAuditLocked();
                return read(work);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("markdown", "the audit log cannot be read", e);
        }
        refresh();
        // checked under the read lock the work runs under: a reload (write lock) between the check and the work would
        // hand it a state whose audit log is not read yet
        rw.readLock().lock();
        try {
            if (state.auditLoaded) {
                return work.get();
            }
        } finally {
            rw.readLock().unlock();
        }
        try {
            underWriteLocks(() -> {
                if (closed) {
                    throw new StorageUnavailableException("markdown", "the store is closed", null);
                }
                catchUp(true);
                loadAuditLocked();
                // downgrade, so the work sees the state just loaded (a reload cannot slip in between)
                rw.readLock().lock();
                return null;
            });
        } catch (IOException e) {
            throw new StorageUnavailableException("markdown", "the audit log cannot be read", e);
        }
        try {
            return work.get();
        } finally {
            rw.readLock().unlock();
        }
    }

    private <T> T read(Supplier<T> work) {
        refresh();
        rw.readLock().lock();
        try {
            return work.get();
        } finally {
            rw.readLock().unlock();
        }
    }

    private static <T> Page<T> page(List<T> all, int limit, int offset) {
        int from = Math.min(Math.max(offset, 0), all.size());
        int to = (int) Math.min((long) from + Math.max(limit, 0), all.size());
        return Page.of(new ArrayList<>(all.subList(from, to)), all.size(), limit, offset);
    }

    private static final Comparator<WorkItem> NEWEST_FIRST = Comparator.comparing(WorkItem::updatedAt)
            .thenComparing(WorkItem::id).reversed();

    private final class WorkItems implements WorkItemPort {
        @Override
        public Optional<WorkItem> get(UUID id) {
            return read(() -> Optional.ofNullable(state.items.get(id)));
        }

        @Override
        public List<WorkItem> getAll(Collection<UUID> ids) {
            return read(() -> {
                List<WorkItem> out = new ArrayList<>();
                for (UUID id : new LinkedHashSet<>(ids)) {
                    WorkItem w = state.items.get(id);
                    if (w != null) {
                        out.add(w);
                    }
                }
                return out;
            });
        }

        @Override
        public List<WorkItem> descendants(String path, int maxDepth, boolean includeDeleted,
                                          boolean includeArchived) {
            return read(() -> {
                State s = state;
                List<WorkItem> out = new ArrayList<>();
                for (UUID id : s.byPath.subMap(path + "/", true, path + "0", false).values()) {
                    WorkItem w = s.items.get(id);
                    if (w != null && w.depth() <= maxDepth && (includeDeleted || !w.isDeleted())
                            && (includeArchived || !w.isArchived())) {
                        out.add(w);
                    }
                }
                out.sort(Comparator.comparingInt(WorkItem::depth).thenComparing(WorkItem::path));
                return out;
            });
        }

        @Override
        public Page<WorkItem> list(WorkItemFilter f) {
            return read(() -> listLocked(f));
        }

        @Override
        public List<WorkItemOutline> liveOutlines() {
            return read(() -> {
                List<WorkItemOutline> out = new ArrayList<>();
                for (WorkItem w : state.items.values()) {
                    if (!w.isDeleted() && !w.isArchived()) {
                        out.add(WorkItemOutline.of(w));
                    }
                }
                return out;
            });
        }

        @Override
        public List<Dependency> dependenciesOf(UUID id) {
            return read(() -> {
                List<Dependency> out = new ArrayList<>();
                for (DepKey k : state.depsByItem.getOrDefault(id, Set.of())) {
                    out.add(state.deps.get(k));
                }
                out.sort(Comparator.comparing(Dependency::createdAt).thenComparing(d -> d.sourceId().toString())
                        .thenComparing(d -> d.targetId().toString()).thenComparing(d -> d.dependencyType().wire()));
                return out;
            });
        }

        @Override
        public List<UUID> waitsOn(UUID id) {
            return read(() -> waitsOnLocked(state, id));
        }

        @Override
        public List<WorkItem> archivable(Instant cutoff, int limit) {
            return read(() -> state.items.values().stream()
                    .filter(w -> w.status() == WorkItemStatus.COMPLETED && !w.isDeleted() && !w.isArchived()
                            && w.updatedAt().isBefore(cutoff))
                    .sorted(Comparator.comparing(WorkItem::updatedAt).thenComparing(WorkItem::id))
                    .limit(Math.max(limit, 0))
                    .toList());
        }

        @Override
        public long count() {
            return read(() -> (long) state.items.size());
        }
    }

    private static List<UUID> waitsOnLocked(State s, UUID id) {
        Set<UUID> out = new LinkedHashSet<>();
        for (DepKey k : s.depsByItem.getOrDefault(id, Set.of())) {
            Dependency d = s.deps.get(k);
            if (d != null && d.waiter().equals(id)) {
                out.add(d.waitedOn());
            }
        }
        List<UUID> l = new ArrayList<>(out);
        l.sort(Comparator.naturalOrder());
        return l;
    }

    private static boolean ready(State s, WorkItem w, Instant now, String viewer) {
        if (w.status() != WorkItemStatus.ACTIVE || w.isDeleted() || w.isArchived()) {
            return false;
        }
        if (w.isClaimedAt(now) && !w.claimedBy().equals(viewer)) {
            return false;
        }
        for (UUID b : waitsOnLocked(s, w.id())) {
            WorkItem x = s.items.get(b);
            if (x != null && !x.isDeleted()
                    && (x.status() == WorkItemStatus.ACTIVE || x.status() == WorkItemStatus.BLOCKED)) {
                return false;
            }
        }
        return true;
    }

    private Page<WorkItem> listLocked(WorkItemFilter f) {
        State s = state;
        Instant now = f.now() == null ? Instant.now() : f.now();
        Collection<WorkItem> source;
        if (f.parentId() != null) {
            source = new ArrayList<>();
            for (UUID id : s.children.getOrDefault(f.parentId(), Set.of())) {
                WorkItem w = s.items.get(id);
                if (w != null) {
                    source.add(w);
                }
            }
        } else {
            source = s.items.values();
        }
        List<String> q = f.query() == null || f.query().isBlank() ? null : Search.queryTokens(f.query());
        List<WorkItem> matched = new ArrayList<>();
        for (WorkItem w : source) {
            if ((f.itemType() != null && w.itemType() != f.itemType())
                    || (f.status() != null && w.status() != f.status())
                    || (f.rootOnly() && w.parentId() != null)
                    || (!f.includeDeleted() && w.isDeleted())
                    || (!f.includeArchived() && w.isArchived())
                    || (f.readyOnly() && !ready(s, w, now, f.viewer()))) {
                continue;
            }
            if (q != null && !Search.matches(doc(s, w), q)) {
                continue;
            }
            matched.add(w);
        }
        if (q == null) {
            matched.sort(NEWEST_FIRST);
        } else {
            Map<String, Integer> df = new HashMap<>();
            long totalLength = 0;
            int n = 0;
            for (WorkItem w : s.items.values()) {
                Search.Doc d = doc(s, w);
                totalLength += d.length();
                n++;
                for (String t : q) {
                    if (d.counts().containsKey(t)) {
                        df.merge(t, 1, Integer::sum);
                    }
                }
            }
            double avg = n == 0 ? 1 : (double) totalLength / n;
            Map<UUID, Double> score = new HashMap<>();
            for (WorkItem w : matched) {
                score.put(w.id(), Search.score(doc(s, w), q, df, n, avg));
            }
            matched.sort(Comparator.<WorkItem>comparingDouble(w -> -score.get(w.id())).thenComparing(NEWEST_FIRST));
        }
        return page(matched, f.limit(), f.offset());
    }

    private static Search.Doc doc(State s, WorkItem w) {
        Search.Doc d = s.searchDocs.get(w.id());
        if (d == null) {
            d = Search.doc(w);
            s.searchDocs.put(w.id(), d);
        }
        return d;
    }

    private final class Vendors implements VendorPort {
        @Override
        public Optional<Vendor> get(UUID id) {
            return read(() -> Optional.ofNullable(state.vendors.get(id)));
        }

        @Override
        public Optional<Vendor> findByName(String name) {
            return read(() -> {
                UUID id = name == null ? null : state.vendorByName.get(State.vendorKey(name));
                return Optional.ofNullable(id == null ? null : state.vendors.get(id));
            });
        }

        @Override
        public Page<Vendor> list(VendorStatus status, int limit, int offset) {
            return read(() -> page(state.vendors.values().stream()
                    .filter(v -> status == null || v.status() == status)
                    .sorted(Comparator.comparing((Vendor v) -> State.vendorKey(v.name())).thenComparing(Vendor::id))
                    .toList(), limit, offset));
        }
    }

    private final class Deployments implements DeploymentPort {
        @Override
        public Optional<Deployment> get(UUID id) {
            return read(() -> Optional.ofNullable(state.deployments.get(id)));
        }

        @Override
        public Page<Deployment> list(DeploymentFilter f) {
            return read(() -> page(state.deployments.values().stream()
                    .filter(d -> f.vendorId() == null || d.vendorIds().contains(f.vendorId()))
                    .filter(d -> f.workItemId() == null || d.workItemIds().contains(f.workItemId()))
                    .filter(d -> f.commitHash() == null || f.commitHash().equals(d.commitHash()))
                    .sorted(Comparator.comparing(Deployment::deployedAt).thenComparing(Deployment::id).reversed())
                    .toList(), f.limit(), f.offset()));
        }
    }

    private final class Enhancements implements EnhancementPort {
        @Override
        public Optional<Enhancement> get(UUID id) {
            return read(() -> Optional.ofNullable(state.enhancements.get(id)));
        }

        @Override
        public Page<Enhancement> list(EnhancementStatus status, int limit, int offset) {
            return read(() -> page(state.enhancements.values().stream()
                    .filter(e -> status == null || e.status() == status)
                    .sorted(Comparator.comparingInt(Enhancement::priority)
                            .thenComparing(Enhancement::targetQuarter, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(Enhancement::createdAt).thenComparing(Enhancement::id))
                    .toList(), limit, offset));
        }
    }

    private final class Audit implements AuditPort {
        @Override
        public List<AuditEvent> history(EntityType entityType, String entityId) {
            return readWithAudit(() -> List.copyOf(state.auditByEntity.getOrDefault(
                    State.auditKey(entityType.wire(), entityId), List.of())));
        }

        @Override
        public List<AuditEvent> all(int limit, int offset) {
            return readWithAudit(() -> page(state.audit, limit, offset).items());
        }

        @Override
        public long count() {
            return readWithAudit(() -> (long) state.audit.size());
        }
    }

    private final class Outbox implements OutboxPort {
        @Override
        public void append(Mutation mutation, Instant queuedAt) {
            if (txn.get() == null) {
                inTransaction(() -> {
                    append(mutation, queuedAt);
                    return null;
                });
                return;
            }
            Txn t = writeTxn();
            State s = state;
            long seq = s.outboxHighSeq + 1;
            t.outbox.putIfAbsent(seq, null);
            s.putOutbox(new OutboxEntry(seq, queuedAt, mutation));
        }

        @Override
        public List<OutboxEntry> pending(int limit) {
            return read(() -> state.outbox.values().stream().limit(Math.max(limit, 0)).toList());
        }

        @Override
        public void remove(long seq) {
            if (txn.get() == null) {
                inTransaction(() -> {
                    remove(seq);
                    return null;
                });
                return;
            }
            Txn t = writeTxn();
            State s = state;
            OutboxEntry cur = s.outbox.get(seq);
            if (cur == null) {
                return;
            }
            if (!t.outbox.containsKey(seq)) {
                t.outbox.put(seq, cur);
            }
            s.outbox.remove(seq);
        }

        @Override
        public long size() {
            return read(() -> (long) state.outbox.size());
        }

        @Override
        public void recordConflict(SyncConflict conflict) {
            if (txn.get() == null) {
                inTransaction(() -> {
                    recordConflict(conflict);
                    return null;
                });
                return;
            }
            Txn t = writeTxn();
            State s = state;
            if (!t.conflicts.containsKey(conflict.id())) {
                t.conflicts.put(conflict.id(), s.conflicts.get(conflict.id()));
            }
            s.conflicts.put(conflict.id(), conflict);
        }

        @Override
        public List<SyncConflict> conflicts() {
            return read(() -> state.conflicts.values().stream()
                    .sorted(Comparator.comparing(SyncConflict::detectedAt).thenComparing(SyncConflict::id))
                    .toList());
        }

        @Override
        public Optional<SyncConflict> conflict(UUID id) {
            return read(() -> Optional.ofNullable(state.conflicts.get(id)));
        }

        @Override
        public void removeConflict(UUID id) {
            if (txn.get() == null) {
                inTransaction(() -> {
                    removeConflict(id);
                    return null;
                });
                return;
            }
            Txn t = writeTxn();
            State s = state;
            SyncConflict cur = s.conflicts.get(id);
            if (cur == null) {
                return;
            }
            if (!t.conflicts.containsKey(id)) {
                t.conflicts.put(id, cur);
            }
            s.conflicts.remove(id);
        }
    }

    // =================================================================== Store

    @Override
    public String layer() {
        return "markdown";
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
    public void ping() {
        if (closed) {
            throw new StorageUnavailableException("markdown", "the store is closed", null);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new StorageUnavailableException("markdown", "the store directory is not writable", null);
        }
    }

    @Override
    public String location() {
        return "markdown/";
    }

    @Override
    public StorageStatus status() {
        boolean healthy;
        String reason = null;
        try {
            ping();
            healthy = true;
        } catch (StorageUnavailableException e) {
            healthy = false;
            reason = e.getMessage();
        }
        List<InvalidFileException> bad = closed ? List.of() : invalidFiles();
        if (!bad.isEmpty()) {
            String list = bad.stream().limit(10).map(InvalidFileException::getMessage)
                    .collect(Collectors.joining("; "));
            reason = (reason == null ? "" : reason + "; ") + bad.size() + " invalid file(s): " + list
                    + (bad.size() > 10 ? "; ..." : "");
        }
        long pending = closed ? 0 : outbox.size();
        long conflicts = closed ? 0 : read(() -> (long) state.conflicts.size());
        StorageStatus.Layer layer = new StorageStatus.Layer("markdown", healthy, Instant.now(), reason, pending, 0, 0,
                location());
        return new StorageStatus(List.of(layer), "markdown", pending, conflicts, null);
    }

    @Override
    public void close() {
        Thread writer = cacheWriter;
        if (writer != null) {
            try {
                writer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cacheWriter = null;
        }
        if (closed) {
            return;
        }
        try {
            underWriteLocks(() -> {
                if (!closed) {
                    catchUp(true);
                    if (!unsynced.isEmpty() || journalHasEntries()) {
                        checkpoint();
                    }
                    closed = true;
                }
                return null;
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("markdown store: close could not checkpoint the journal", e);
            closed = true;
        } finally {
            dirLock.close();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
