package dev.workstate.chain;

import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.Deployment;
import dev.workstate.model.EntityType;
import dev.workstate.model.Enhancement;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.MirrorJournalPort;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings records of a lower layer to the state of a higher one (write-through mirroring, journal folds and refresh).
 * The write-through fast path ({@link #replicate}) applies a commit's own mutations below when they all carry whole
 * records, and {@link #fold} applies those a lower layer's journal holds the same way; otherwise,
 * and whenever the lower copy turns out not to be where the higher layer was, each touched record is read from the
 * higher layer and put into the lower layer with the ordinary mutations (update with the lower layer's current version
 * when it exists there, insert when missing; identical records are left alone).
 *
 * <p>Stateless; thread-safe. Callers serialise puts into one target so a later put never regresses an earlier one.
 */
final class Mirror {
    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

    private Mirror() {
    }

    /** A record to bring up to date. */
    sealed interface Touch {
    }

    record ItemTouch(UUID id, boolean withDescendants) implements Touch {
    }

    record DepsTouch(UUID itemId) implements Touch {
    }

    record VendorTouch(UUID id) implements Touch {
    }

    record DeploymentTouch(UUID id) implements Touch {
    }

    record ConfigTouch() implements Touch {
    }

    record EnhancementTouch(UUID id) implements Touch {
    }

    record AuditTouch(AuditEvent event) implements Touch {
    }

    /** The records a list of applied mutations touched, in order, without repeats. */
    static Set<Touch> touches(Collection<Mutation> mutations) {
        Set<Touch> out = new LinkedHashSet<>();
        for (Mutation m : mutations) {
            touch(m, out);
        }
        return out;
    }

    static void touch(Mutation m, Set<Touch> out) {
        if (m instanceof Mutation.InsertWorkItem x) {
            out.add(new ItemTouch(x.item().id(), false));
        } else if (m instanceof Mutation.UpdateWorkItem x) {
            out.add(new ItemTouch(x.item().id(), false));
        } else if (m instanceof Mutation.MoveSubtree x) {
            out.add(new ItemTouch(x.rootId(), true));
        } else if (m instanceof Mutation.ClaimWorkItem x) {
            out.add(new ItemTouch(x.id(), false));
        } else if (m instanceof Mutation.ReleaseClaim x) {
            out.add(new ItemTouch(x.id(), false));
        } else if (m instanceof Mutation.InsertDependency x) {
            out.add(new DepsTouch(x.dependency().sourceId()));
        } else if (m instanceof Mutation.DeleteDependency x) {
            out.add(new DepsTouch(x.sourceId()));
        } else if (m instanceof Mutation.InsertVendor x) {
            out.add(new VendorTouch(x.vendor().id()));
        } else if (m instanceof Mutation.UpdateVendor x) {
            out.add(new VendorTouch(x.vendor().id()));
        } else if (m instanceof Mutation.InsertDeployment x) {
            out.add(new DeploymentTouch(x.deployment().id()));
        } else if (m instanceof Mutation.UpdateConfiguration) {
            out.add(new ConfigTouch());
        } else if (m instanceof Mutation.InsertEnhancement x) {
            out.add(new EnhancementTouch(x.enhancement().id()));
        } else if (m instanceof Mutation.UpdateEnhancement x) {
            out.add(new EnhancementTouch(x.enhancement().id()));
        } else if (m instanceof Mutation.AppendAudit x) {
            out.add(new AuditTouch(x.event()));
        }
    }

    /** The records an audit event says were changed (used by refresh, which copies the audit tail). */
    static void touch(AuditEvent e, Set<Touch> out) {
        try {
            switch (e.entityType()) {
                case WORK_ITEM -> out.add(new ItemTouch(UUID.fromString(e.entityId()), true));
                case VENDOR -> out.add(new VendorTouch(UUID.fromString(e.entityId())));
                case DEPLOYMENT -> out.add(new DeploymentTouch(UUID.fromString(e.entityId())));
                case CONFIGURATION -> out.add(new ConfigTouch());
                case ENHANCEMENT -> out.add(new EnhancementTouch(UUID.fromString(e.entityId())));
                case DEPENDENCY -> {
                    String json = e.after() != null ? e.after() : e.before();
                    if (json != null) {
                        Dependency d = Json.read(json, Dependency.class);
                        out.add(new DepsTouch(d.sourceId()));
                        out.add(new DepsTouch(d.targetId()));
                    }
                }
                default -> { }
            }
        } catch (RuntimeException ex) {
            LOG.debug("audit event {} names no record to refresh", e.id(), ex);
        }
        out.add(new AuditTouch(e));
    }

    /**
     * Puts every touched record from {@code src} into {@code dst}: one transaction for the batch, and when that fails
     * for a reason other than connectivity, one transaction per record so one bad record does not block the rest.
     *
     * @throws StorageUnavailableException if either layer is unreachable
     */
    static void put(Store src, Store dst, Collection<Touch> touches) {
        if (touches.isEmpty()) {
            return;
        }
        try {
            dst.inTransaction(() -> {
                for (Touch t : touches) {
                    put(src, dst, t);
                }
                return null;
            });
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("mirror batch into {} failed, retrying record by record", dst.layer(), e);
            for (Touch t : touches) {
                try {
                    dst.inTransaction(() -> {
                        put(src, dst, t);
                        return null;
                    });
                } catch (StorageUnavailableException e2) {
                    throw e2;
                } catch (RuntimeException e2) {
                    LOG.warn("could not mirror {} into {}: {}", t, dst.layer(), e2.getMessage());
                }
            }
        }
    }

    /**
     * Whether every mutation of a committed transaction carries the whole record it writes, so the same mutations can
     * be replayed into a lower layer without reading the committed state back from the source.
     */
    static boolean replicable(List<Mutation> applied) {
        for (Mutation m : applied) {
            if (!(m instanceof Mutation.InsertWorkItem || m instanceof Mutation.UpdateWorkItem
                    || m instanceof Mutation.InsertVendor || m instanceof Mutation.UpdateVendor
                    || m instanceof Mutation.InsertEnhancement || m instanceof Mutation.UpdateEnhancement
                    || m instanceof Mutation.UpdateConfiguration || m instanceof Mutation.InsertDeployment
                    || m instanceof Mutation.AppendAudit)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies a committed transaction's own mutations to {@code dst} in one transaction: the fast path of the
     * write-through (one statement per mutation, no read of the source). It is exact because each versioned update is
     * a compare-and-set on the version the source had before it: when the lower copy is at that version it ends in
     * the state the source committed; when it is not (a mirror that missed a write, a concurrent writer whose mirror
     * ran first) or an insert finds its record there already, that record is put the ordinary way instead, from the
     * source's latest state, so a mirror never regresses. An audit event already present is left alone.
     *
     * @throws StorageUnavailableException if either layer is unreachable
     */
    static void replicate(Store src, Store dst, List<Mutation> applied) {
        try {
            dst.inTransaction(() -> {
                for (Mutation m : applied) {
                    replicate(src, dst, m);
                }
                return null;
            });
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("replicating into {} failed, putting the records instead", dst.layer(), e);
            put(src, dst, touches(applied));
        }
    }

    /**
     * Applies {@code m} to {@code dst}; when the lower copy is not where the source was (duplicate, version conflict,
     * missing parent or link), puts the touched records from {@code src}, or with no source (it is down: the journal
     * is folded so the lower layer can serve) puts the mutation's own record unless {@code dst} holds a newer one.
     */
    private static void replicate(Store src, Store dst, Mutation m) {
        try {
            dst.apply(m);
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (WorkstateException e) {
            if (src == null) {
                putRecord(dst, m);
                return;
            }
            Set<Touch> t = new LinkedHashSet<>();
            touch(m, t);
            for (Touch x : t) {
                put(src, dst, x);
            }
        }
    }

    /**
     * Folds the oldest {@code limit} entries of {@code journal} into {@code dst}'s tables in one transaction of
     * {@code dst} and removes them once it committed (a crash folds nothing or all of them, and may leave them in the
     * journal to be folded again; folding twice changes nothing, since every
     * update is a compare-and-set and every insert of a record already there becomes a put). {@code src} is the layer
     * the entries came from when it is up, else null. When the batch fails for a reason other than connectivity, each
     * entry is folded on its own and one that cannot be is dropped with a warning (the next refresh repairs its
     * records from the audit log), so one bad entry never holds up the rest.
     *
     * @return how many entries were folded or dropped
     * @throws StorageUnavailableException if either layer is unreachable
     */
    static int fold(Store src, Store dst, MirrorJournalPort journal, int limit) {
        try {
            List<MirrorJournalPort.JournalEntry> batch = dst.inTransaction(() -> {
                // read inside the transaction: two processes folding one table take turns
                List<MirrorJournalPort.JournalEntry> pending = journal.pending(limit);
                for (MirrorJournalPort.JournalEntry entry : pending) {
                    replicateAll(src, dst, entry.mutations());
                }
                return pending;
            });
            // removed once the fold committed (a journal kept in files is not part of the transaction); a crash in
            // between folds the entries again, which changes nothing
            if (!batch.isEmpty()) {
                journal.removeThrough(batch.get(batch.size() - 1).seq());
            }
            return batch.size();
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("folding the mirror journal of {} failed, folding entry by entry", dst.layer(), e);
        }
        List<MirrorJournalPort.JournalEntry> batch = journal.pending(limit);
        for (MirrorJournalPort.JournalEntry entry : batch) {
            try {
                dst.inTransaction(() -> {
                    replicateAll(src, dst, entry.mutations());
                    return null;
                });
                journal.removeThrough(entry.seq());
            } catch (StorageUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("could not fold a mirrored write into {}: {}; the next refresh repairs it", dst.layer(),
                        e.getMessage());
                journal.removeThrough(entry.seq());
            }
        }
        return batch.size();
    }

    private static void replicateAll(Store src, Store dst, List<Mutation> mutations) {
        for (Mutation m : mutations) {
            replicate(src, dst, m);
        }
    }

    /**
     * Puts the whole record {@code m} carries into {@code dst} unless {@code dst} already holds that version or a
     * newer one (versions only grow on the layer the record came from, so the newer copy is the later state).
     */
    static void putRecord(Store dst, Mutation m) {
        Object r = recordOf(m);
        if (r instanceof WorkItem w) {
            Optional<WorkItem> have = dst.workItems().get(w.id());
            if (have.isEmpty() || have.get().version() < w.version()) {
                putItem(null, dst, w, new HashSet<>());
            }
        } else if (r instanceof Vendor v) {
            Optional<Vendor> have = dst.vendors().get(v.id());
            if (have.isEmpty() || have.get().version() < v.version()) {
                putVendor(dst, v);
            }
        } else if (r instanceof Enhancement e) {
            Optional<Enhancement> have = dst.enhancements().get(e.id());
            if (have.isEmpty() || have.get().version() < e.version()) {
                putEnhancement(dst, e);
            }
        } else if (r instanceof ProjectConfiguration c) {
            if (dst.configuration().get().version() < c.version()) {
                putConfiguration(dst, c);
            }
        } else if (r instanceof Deployment d) {
            putDeployment(null, dst, d);
        } else if (r instanceof AuditEvent e) {
            putAudit(dst, e);
        } else {
            throw new IllegalArgumentException("no whole record in " + m.getClass().getSimpleName());
        }
    }

    static void put(Store src, Store dst, Touch t) {
        if (t instanceof ItemTouch x) {
            Optional<WorkItem> item = src.workItems().get(x.id());
            if (item.isEmpty()) {
                return;
            }
            putItem(src, dst, item.get(), new HashSet<>());
            if (x.withDescendants()) {
                for (WorkItem d : src.workItems().descendants(item.get().path(), WorkItem.MAX_DEPTH, true, true)) {
                    putItem(src, dst, d, new HashSet<>());
                }
            }
        } else if (t instanceof DepsTouch x) {
            putDependencies(src, dst, x.itemId());
        } else if (t instanceof VendorTouch x) {
            src.vendors().get(x.id()).ifPresent(v -> putVendor(dst, v));
        } else if (t instanceof DeploymentTouch x) {
            src.deployments().get(x.id()).ifPresent(d -> putDeployment(src, dst, d));
        } else if (t instanceof ConfigTouch) {
            putConfiguration(dst, src.configuration().get());
        } else if (t instanceof EnhancementTouch x) {
            src.enhancements().get(x.id()).ifPresent(e -> putEnhancement(dst, e));
        } else if (t instanceof AuditTouch x) {
            putAudit(dst, x.event());
        }
    }

    static void putItem(Store src, Store dst, WorkItem item, Set<UUID> visiting) {
        Optional<WorkItem> have = dst.workItems().get(item.id());
        if (have.isPresent()) {
            if (!have.get().equals(item)) {
                ensureParent(src, dst, item, visiting);
                dst.apply(new Mutation.UpdateWorkItem(item, have.get().version()));
                syncClaim(dst, item, have.get());
            }
            return;
        }
        ensureParent(src, dst, item, visiting);
        dst.apply(new Mutation.InsertWorkItem(item));
        if (item.claimedBy() != null) {
            syncClaim(dst, item, null);
        }
    }

    /**
     * Some layers treat a lease as not content (an update neither takes nor drops it): copy it with the claim
     * mutations when the put left it different.
     */
    private static void syncClaim(Store dst, WorkItem item, WorkItem before) {
        if (before != null && Objects.equals(before.claimedBy(), item.claimedBy())
                && Objects.equals(before.claimExpiresAt(), item.claimExpiresAt())) {
            return;
        }
        WorkItem now = dst.workItems().get(item.id()).orElse(null);
        if (now == null || (Objects.equals(now.claimedBy(), item.claimedBy())
                && Objects.equals(now.claimExpiresAt(), item.claimExpiresAt()))) {
            return;
        }
        if (now.claimedBy() != null && !now.claimedBy().equals(item.claimedBy())) {
            dst.apply(new Mutation.ReleaseClaim(item.id(), now.claimedBy()));
        }
        if (item.claimedBy() != null) {
            dst.apply(new Mutation.ClaimWorkItem(item.id(), item.claimedBy(), item.claimExpiresAt(), Instant.EPOCH));
        }
    }

    private static void ensureParent(Store src, Store dst, WorkItem item, Set<UUID> visiting) {
        UUID parent = item.parentId();
        if (src == null || parent == null || !visiting.add(item.id())) {
            return;
        }
        Optional<WorkItem> hp = dst.workItems().get(parent);
        Optional<WorkItem> sp = src.workItems().get(parent);
        if (sp.isPresent() && (hp.isEmpty() || !hp.get().path().equals(sp.get().path()))) {
            putItem(src, dst, sp.get(), visiting);
        }
    }

    static void putDependencies(Store src, Store dst, UUID itemId) {
        List<Dependency> want = src.workItems().dependenciesOf(itemId);
        List<Dependency> have = dst.workItems().dependenciesOf(itemId);
        Set<String> wantKeys = new HashSet<>();
        for (Dependency d : want) {
            wantKeys.add(key(d));
        }
        Set<String> haveKeys = new HashSet<>();
        for (Dependency d : have) {
            haveKeys.add(key(d));
            if (!wantKeys.contains(key(d))) {
                dst.apply(new Mutation.DeleteDependency(d.sourceId(), d.targetId(), d.dependencyType()));
            }
        }
        for (Dependency d : want) {
            if (!haveKeys.contains(key(d))) {
                for (UUID end : List.of(d.sourceId(), d.targetId())) {
                    if (dst.workItems().get(end).isEmpty()) {
                        src.workItems().get(end).ifPresent(i -> putItem(src, dst, i, new HashSet<>()));
                    }
                }
                dst.apply(new Mutation.InsertDependency(d));
            }
        }
    }

    private static String key(Dependency d) {
        return d.sourceId() + "|" + d.targetId() + "|" + d.dependencyType();
    }

    static void putVendor(Store dst, Vendor v) {
        Optional<Vendor> have = dst.vendors().get(v.id());
        if (have.isPresent()) {
            if (!have.get().equals(v)) {
                dst.apply(new Mutation.UpdateVendor(v, have.get().version()));
            }
        } else {
            dst.apply(new Mutation.InsertVendor(v));
        }
    }

    static void putDeployment(Store src, Store dst, Deployment d) {
        if (dst.deployments().get(d.id()).isPresent()) {
            return;
        }
        if (src == null) {
            dst.apply(new Mutation.InsertDeployment(d));
            return;
        }
        for (UUID v : d.vendorIds()) {
            if (dst.vendors().get(v).isEmpty()) {
                src.vendors().get(v).ifPresent(x -> putVendor(dst, x));
            }
        }
        for (UUID i : d.workItemIds()) {
            if (dst.workItems().get(i).isEmpty()) {
                src.workItems().get(i).ifPresent(x -> putItem(src, dst, x, new HashSet<>()));
            }
        }
        dst.apply(new Mutation.InsertDeployment(d));
    }

    static void putConfiguration(Store dst, ProjectConfiguration c) {
        ProjectConfiguration have = dst.configuration().get();
        if (!have.equals(c)) {
            dst.apply(new Mutation.UpdateConfiguration(c, have.version()));
        }
    }

    static void putEnhancement(Store dst, Enhancement e) {
        Optional<Enhancement> have = dst.enhancements().get(e.id());
        if (have.isPresent()) {
            if (!have.get().equals(e)) {
                dst.apply(new Mutation.UpdateEnhancement(e, have.get().version()));
            }
        } else {
            dst.apply(new Mutation.InsertEnhancement(e));
        }
    }

    static boolean hasAudit(Store dst, AuditEvent e) {
        for (AuditEvent h : dst.audit().history(e.entityType(), e.entityId())) {
            if (h.id().equals(e.id())) {
                return true;
            }
        }
        return false;
    }

    static void putAudit(Store dst, AuditEvent e) {
        if (!hasAudit(dst, e)) {
            dst.apply(new Mutation.AppendAudit(e));
        }
    }

    /** The full record a mutation writes, or null for mutations that carry none. */
    static Object recordOf(Mutation m) {
        if (m instanceof Mutation.InsertWorkItem x) {
            return x.item();
        } else if (m instanceof Mutation.UpdateWorkItem x) {
            return x.item();
        } else if (m instanceof Mutation.InsertVendor x) {
            return x.vendor();
        } else if (m instanceof Mutation.UpdateVendor x) {
            return x.vendor();
        } else if (m instanceof Mutation.InsertDeployment x) {
            return x.deployment();
        } else if (m instanceof Mutation.UpdateConfiguration x) {
            return x.configuration();
        } else if (m instanceof Mutation.InsertEnhancement x) {
            return x.enhancement();
        } else if (m instanceof Mutation.UpdateEnhancement x) {
            return x.enhancement();
        } else if (m instanceof Mutation.InsertDependency x) {
            return x.dependency();
        } else if (m instanceof Mutation.AppendAudit x) {
            return x.event();
        }
        return null;
    }

    /** Entity type and id a mutation is about, for conflicts and logs. */
    static String[] subjectOf(Mutation m) {
        if (m instanceof Mutation.InsertWorkItem x) {
            return new String[] {EntityType.WORK_ITEM.wire(), x.item().id().toString()};
        } else if (m instanceof Mutation.UpdateWorkItem x) {
            return new String[] {EntityType.WORK_ITEM.wire(), x.item().id().toString()};
        } else if (m instanceof Mutation.MoveSubtree x) {
            return new String[] {EntityType.WORK_ITEM.wire(), x.rootId().toString()};
        } else if (m instanceof Mutation.ClaimWorkItem x) {
            return new String[] {EntityType.WORK_ITEM.wire(), x.id().toString()};
        } else if (m instanceof Mutation.ReleaseClaim x) {
            return new String[] {EntityType.WORK_ITEM.wire(), x.id().toString()};
        } else if (m instanceof Mutation.InsertVendor x) {
            return new String[] {EntityType.VENDOR.wire(), x.vendor().id().toString()};
        } else if (m instanceof Mutation.UpdateVendor x) {
            return new String[] {EntityType.VENDOR.wire(), x.vendor().id().toString()};
        } else if (m instanceof Mutation.InsertDeployment x) {
            return new String[] {EntityType.DEPLOYMENT.wire(), x.deployment().id().toString()};
        } else if (m instanceof Mutation.UpdateConfiguration x) {
            return new String[] {EntityType.CONFIGURATION.wire(), String.valueOf(x.configuration().id())};
        } else if (m instanceof Mutation.InsertEnhancement x) {
            return new String[] {EntityType.ENHANCEMENT.wire(), x.enhancement().id().toString()};
        } else if (m instanceof Mutation.UpdateEnhancement x) {
            return new String[] {EntityType.ENHANCEMENT.wire(), x.enhancement().id().toString()};
        } else if (m instanceof Mutation.InsertDependency x) {
            Dependency d = x.dependency();
            return new String[] {EntityType.DEPENDENCY.wire(), d.sourceId() + ":" + d.targetId() + ":" + d.dependencyType().wire()};
        } else if (m instanceof Mutation.DeleteDependency x) {
            return new String[] {EntityType.DEPENDENCY.wire(), x.sourceId() + ":" + x.targetId() + ":" + x.dependencyType().wire()};
        } else if (m instanceof Mutation.AppendAudit x) {
            return new String[] {x.event().entityType().wire(), x.event().entityId()};
        }
        return new String[] {"unknown", ""};
    }

    static List<Touch> list(Set<Touch> touches) {
        return new ArrayList<>(touches);
    }
}
