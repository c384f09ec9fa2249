package dev.workstate.storage.markdown.internal;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.OutboxEntry;
import dev.workstate.port.SyncConflict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything the store holds, in memory, with its indexes: records by id, work items by path (for descendants) and by
 * parent, vendors by lower-cased name, dependencies by item, audit events by record, the outbox by sequence.
 *
 * <p>Not thread-safe: guarded by the store's read/write lock.
 */
final class State {
    final Map<UUID, WorkItem> items = new HashMap<>();
    final TreeMap<String, UUID> byPath = new TreeMap<>();
    final Map<UUID, Set<UUID>> children = new HashMap<>();
    final Map<UUID, Vendor> vendors = new HashMap<>();
    final Map<String, UUID> vendorByName = new HashMap<>();
    final Map<UUID, Deployment> deployments = new HashMap<>();
    final Map<UUID, Enhancement> enhancements = new HashMap<>();
    ProjectConfiguration configuration;
    final Map<DepKey, Dependency> deps = new LinkedHashMap<>();
    final Map<UUID, Set<DepKey>> depsByItem = new HashMap<>();
    final List<AuditEvent> audit = new ArrayList<>();
    final Set<UUID> auditIds = new HashSet<>();
    final Map<String, List<AuditEvent>> auditByEntity = new HashMap<>();
    /**
     * Whether the audit log has been read ({@link Loader#loadAudit}); until then {@link #audit}, {@link #auditIds},
     * {@link #auditByEntity}, the segment fields and the invalid audit lines are empty, and journal appends to the log
     * are not applied (the files hold them when it is read).
     */
    boolean auditLoaded;
    /** Current audit segment number and its line count (valid once the audit log is loaded). */
    int auditSegment = 1;
    int auditSegmentLines;
    final TreeMap<Long, OutboxEntry> outbox = new TreeMap<>();
    long outboxHighSeq;
    final Map<UUID, SyncConflict> conflicts = new LinkedHashMap<>();
    /** Set by the load when the parse cache should be rewritten; taken (and cleared) by the store after open. */
    ParseCache.Next cacheUpdate;
    /** Files that could not be read, by relative path. */
    final Map<String, InvalidFileException> invalid = new TreeMap<>();
    /**
     * Lazily computed search documents of work items. Concurrent: searches fill it while holding only the shared read
     * lock, so several searches may add documents at once.
     */
    final Map<UUID, Search.Doc> searchDocs = new java.util.concurrent.ConcurrentHashMap<>();

    static String vendorKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String auditKey(String entityType, String entityId) {
        return entityType + ":" + entityId;
    }

    // ------------------------------------------------------------------ work items

    void putItem(WorkItem w) {
        WorkItem old = items.put(w.id(), w);
        if (old != null) {
            unindex(old);
        }
        byPath.put(w.path(), w.id());
        if (w.parentId() != null) {
            children.computeIfAbsent(w.parentId(), k -> new LinkedHashSet<>()).add(w.id());
        }
        searchDocs.remove(w.id());
    }

    void removeItem(UUID id) {
        WorkItem old = items.remove(id);
        if (old != null) {
            unindex(old);
        }
        searchDocs.remove(id);
    }

    private void unindex(WorkItem old) {
        if (old.id().equals(byPath.get(old.path()))) {
            byPath.remove(old.path());
        }
        if (old.parentId() != null) {
            Set<UUID> s = children.get(old.parentId());
            if (s != null) {
                s.remove(old.id());
                if (s.isEmpty()) {
                    children.remove(old.parentId());
                }
            }
        }
    }

    // ------------------------------------------------------------------ vendors

    void putVendor(Vendor v) {
        Vendor old = vendors.put(v.id(), v);
        if (old != null && v.id().equals(vendorByName.get(vendorKey(old.name())))) {
            vendorByName.remove(vendorKey(old.name()));
        }
        vendorByName.put(vendorKey(v.name()), v.id());
    }

    void removeVendor(UUID id) {
        Vendor old = vendors.remove(id);
        if (old != null && id.equals(vendorByName.get(vendorKey(old.name())))) {
            vendorByName.remove(vendorKey(old.name()));
        }
    }

    // ------------------------------------------------------------------ dependencies

    void putDep(Dependency d) {
        DepKey k = DepKey.of(d);
        deps.put(k, d);
        depsByItem.computeIfAbsent(d.sourceId(), x -> new LinkedHashSet<>()).add(k);
        depsByItem.computeIfAbsent(d.targetId(), x -> new LinkedHashSet<>()).add(k);
    }

    void removeDep(DepKey k) {
        if (deps.remove(k) != null) {
            for (UUID id : List.of(k.sourceId(), k.targetId())) {
                Set<DepKey> s = depsByItem.get(id);
                if (s != null) {
                    s.remove(k);
                    if (s.isEmpty()) {
                        depsByItem.remove(id);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ audit

    void addAudit(AuditEvent e) {
        audit.add(e);
        auditIds.add(e.id());
        auditByEntity.computeIfAbsent(auditKey(e.entityType().wire(), e.entityId()), k -> new ArrayList<>()).add(e);
    }

    void removeLastAudit() {
        AuditEvent e = audit.remove(audit.size() - 1);
        auditIds.remove(e.id());
        List<AuditEvent> l = auditByEntity.get(auditKey(e.entityType().wire(), e.entityId()));
        if (l != null && !l.isEmpty()) {
            l.remove(l.size() - 1);
        }
    }

    // ------------------------------------------------------------------ outbox

    void putOutbox(OutboxEntry e) {
        outbox.put(e.seq(), e);
        outboxHighSeq = Math.max(outboxHighSeq, e.seq());
    }
}
