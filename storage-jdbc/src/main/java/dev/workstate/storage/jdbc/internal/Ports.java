package dev.workstate.storage.jdbc.internal;

import dev.workstate.error.InternalException;
import dev.workstate.internal.MutationCodec;
import dev.workstate.internal.SearchText;
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
import dev.workstate.port.AuditPort;
import dev.workstate.port.ConfigurationPort;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.port.DeploymentPort;
import dev.workstate.port.EnhancementPort;
import dev.workstate.port.Mutation;
import dev.workstate.port.OutboxEntry;
import dev.workstate.port.OutboxPort;
import dev.workstate.port.SyncConflict;
import dev.workstate.port.VendorPort;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.port.WorkItemPort;
import dev.workstate.storage.jdbc.internal.Mappers.AuditMapper;
import dev.workstate.storage.jdbc.internal.Mappers.ConfigurationMapper;
import dev.workstate.storage.jdbc.internal.Mappers.DeploymentMapper;
import dev.workstate.storage.jdbc.internal.Mappers.EnhancementMapper;
import dev.workstate.storage.jdbc.internal.Mappers.OutboxMapper;
import dev.workstate.storage.jdbc.internal.Mappers.VendorMapper;
import dev.workstate.storage.jdbc.internal.Mappers.WorkItemMapper;
import dev.workstate.storage.jdbc.internal.Rows.ConflictRow;
import dev.workstate.storage.jdbc.internal.Rows.DeploymentRow;
import dev.workstate.storage.jdbc.internal.Rows.LinkRow;
import dev.workstate.storage.jdbc.internal.Rows.WorkItemRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.exceptions.PersistenceException;

/**
 * The read ports (and the outbox) of the JDBC store, each a thin layer over a mapper run through {@link Db#read}.
 *
 * <p>All classes are thread-safe.
 */
public final class Ports {
    /** Ids per IN list: far below SQLite's and PostgreSQL's bound-parameter limits. */
    private static final int IN_CHUNK = 500;

    private Ports() {
    }

    /** A round trip to the database ({@code SELECT 1}) on {@code c}; null. */
    public static Void ping(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return null;
        } catch (SQLException e) {
            throw new PersistenceException("ping failed", e);
        }
    }

    static <T> List<List<T>> chunks(Collection<T> all) {
        List<T> list = new ArrayList<>(all);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += IN_CHUNK) {
            out.add(list.subList(i, Math.min(list.size(), i + IN_CHUNK)));
        }
        return out;
    }

    /** Work items: hierarchy by materialised-path range, list with filters, dependencies. */
    public static final class WorkItems implements WorkItemPort {
        private static final String LIVE_OUTLINES = "SELECT " + Rows.OUTLINE_COLUMNS
                + " FROM work_items WHERE deleted_at IS NULL AND archived_at IS NULL";

        private final Db db;

        public WorkItems(Db db) {
            this.db = db;
        }

        @Override
        public Optional<WorkItem> get(UUID id) {
            WorkItemRow r = db.readJdbc(c -> DirectReads.workItem(c, id.toString()));
            return Optional.ofNullable(r).map(WorkItemRow::toModel);
        }

        @Override
        public List<WorkItem> getAll(Collection<UUID> ids) {
            if (ids.isEmpty()) {
                return List.of();
            }
            List<String> keys = ids.stream().distinct().map(UUID::toString).toList();
            return db.readJdbc(c -> {
                List<WorkItem> out = new ArrayList<>();
                for (List<String> chunk : chunks(keys)) {
                    DirectReads.workItems(c, chunk).forEach(r -> out.add(r.toModel()));
                }
                return out;
            });
        }

        @Override
        public List<WorkItem> descendants(String path, int maxDepth, boolean includeDeleted, boolean includeArchived) {
            // A range on the indexed path column ('/' + 1 == '0'); LIKE would be case-insensitive and unindexed.
            return db.readJdbc(c -> DirectReads.descendants(c, path + "/", path + "0", maxDepth,
                    includeDeleted, includeArchived).stream().map(WorkItemRow::toModel).toList());
        }

        @Override
        public Page<WorkItem> list(WorkItemFilter f) {
            int limit = Math.max(0, f.limit());
            int offset = Math.max(0, f.offset());
            WorkItemSql.Query q = new WorkItemSql.Query();
            q.itemType = f.itemType() == null ? null : f.itemType().wire();
            q.status = f.status() == null ? null : f.status().wire();
            q.parentId = f.parentId() == null ? null : f.parentId().toString();
            q.rootOnly = f.rootOnly();
            q.readyOnly = f.readyOnly();
            q.includeDeleted = f.includeDeleted();
            q.includeArchived = f.includeArchived();
            q.viewer = f.viewer();
            q.now = (f.now() == null ? Instant.now() : f.now()).toEpochMilli();
            q.limit = limit;
            q.offset = offset;
            q.pageWalksListOrder = db.dialect().pagesWalkListOrder();
            if (f.query() != null && !f.query().isBlank()) {
                List<String> words = SearchText.words(f.query());
                if (words.isEmpty()) {
                    return Page.of(List.of(), 0, limit, offset);
                }
                q.searchSql = db.dialect().search(words);
                q.search = q.searchSql.parameter();
            }
            if (limit == 0) {
                long total = db.read(s -> s.getMapper(WorkItemMapper.class).countMatching(q));
                return Page.of(List.of(), total, limit, offset);
            }
            return db.read(s -> {
                WorkItemMapper m = s.getMapper(WorkItemMapper.class);
                List<WorkItem> items = m.list(q).stream().map(WorkItemRow::toModel).toList();
                long total;
                if (items.size() < limit && (!items.isEmpty() || offset == 0)) {
                    total = (long) offset + items.size(); // the page is the tail: no count query needed
                } else {
                    total = m.countMatching(q);
                }
                return Page.of(items, total, limit, offset);
            });
        }

        /**
         * Plain JDBC on the session's connection rather than a mapper: this read returns every live item, and at
         * 12 000 rows MyBatis' reflective row mapping cost about as much CPU and garbage as the driver itself.
         */
        @Override
        public List<WorkItemOutline> liveOutlines() {
            return db.read(s -> {
                try (PreparedStatement ps = s.getConnection().prepareStatement(LIVE_OUTLINES);
                     ResultSet rs = ps.executeQuery()) {
                    List<WorkItemOutline> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(Rows.outline(rs));
                    }
                    return out;
                } catch (SQLException e) {
                    throw db.translate(e);
                }
            });
        }

        @Override
        public List<Dependency> dependenciesOf(UUID id) {
            return db.readJdbc(c -> DirectReads.dependenciesOf(c, id.toString()).stream()
                    .map(Rows.DependencyRow::toModel).toList());
        }

        @Override
        public List<UUID> waitsOn(UUID id) {
            return db.read(s -> s.getMapper(WorkItemMapper.class).waitsOn(id.toString()).stream()
                    .map(UUID::fromString).toList());
        }

        @Override
        public List<WorkItem> archivable(Instant cutoff, int limit) {
            return db.read(s -> s.getMapper(WorkItemMapper.class).archivable(cutoff.toEpochMilli(), limit).stream()
                    .map(WorkItemRow::toModel).toList());
        }

        @Override
        public long count() {
            return db.read(s -> s.getMapper(WorkItemMapper.class).count());
        }
    }

    /**
     * Vendors, looked up case-insensitively through the unique lower(name) index; lookups by name outside a transaction
     * go through a {@link VendorNameCache} (a transaction must see its own uncommitted changes, so it reads directly).
     */
    public static final class Vendors implements VendorPort {
        private final Db db;
        private final VendorNameCache byName;

        public Vendors(Db db, VendorNameCache byName) {
            this.db = db;
            this.byName = byName;
        }

        @Override
        public Optional<Vendor> get(UUID id) {
            return Optional.ofNullable(db.read(s -> s.getMapper(VendorMapper.class).get(id.toString())))
                    .map(Rows.VendorRow::toModel);
        }

        @Override
        public Optional<Vendor> findByName(String name) {
            if (name == null) {
                return Optional.empty();
            }
            if (db.inTransaction()) {
                return load(name);
            }
            return byName.findByName(name, this::load);
        }

        private Optional<Vendor> load(String name) {
            return Optional.ofNullable(db.readJdbc(c -> DirectReads.vendorByName(c, name)))
                    .map(Rows.VendorRow::toModel);
        }

        @Override
        public Page<Vendor> list(VendorStatus status, int limit, int offset) {
            String st = status == null ? null : status.wire();
            return db.read(s -> {
                VendorMapper m = s.getMapper(VendorMapper.class);
                List<Vendor> items = m.list(st, limit, offset).stream().map(Rows.VendorRow::toModel).toList();
                return Page.of(items, m.count(st), limit, offset);
            });
        }
    }

    /** Deployments with their ordered links, newest first. */
    public static final class Deployments implements DeploymentPort {
        private final Db db;

        public Deployments(Db db) {
            this.db = db;
        }

        @Override
        public Optional<Deployment> get(UUID id) {
            return db.read(s -> {
                DeploymentMapper m = s.getMapper(DeploymentMapper.class);
                DeploymentRow r = m.get(id.toString());
                return r == null ? Optional.<Deployment>empty() : Optional.of(withLinks(m, List.of(r)).get(0));
            });
        }

        @Override
        public Page<Deployment> list(DeploymentFilter f) {
            String vendor = f.vendorId() == null ? null : f.vendorId().toString();
            String item = f.workItemId() == null ? null : f.workItemId().toString();
            return db.read(s -> {
                DeploymentMapper m = s.getMapper(DeploymentMapper.class);
                List<DeploymentRow> rows = m.list(vendor, item, f.commitHash(), f.limit(), f.offset());
                return Page.of(withLinks(m, rows), m.count(vendor, item, f.commitHash()), f.limit(), f.offset());
            });
        }

        private static List<Deployment> withLinks(DeploymentMapper m, List<DeploymentRow> rows) {
            if (rows.isEmpty()) {
                return List.of();
            }
            List<String> ids = rows.stream().map(r -> r.id).toList();
            Map<String, List<UUID>> vendors = new HashMap<>();
            Map<String, List<UUID>> items = new HashMap<>();
            for (List<String> chunk : chunks(ids)) {
                for (LinkRow l : m.vendorLinks(chunk)) {
                    vendors.computeIfAbsent(l.deploymentId, k -> new ArrayList<>()).add(UUID.fromString(l.linkedId));
                }
                for (LinkRow l : m.workItemLinks(chunk)) {
                    items.computeIfAbsent(l.deploymentId, k -> new ArrayList<>()).add(UUID.fromString(l.linkedId));
                }
            }
            return rows.stream().map(r -> r.toModel(vendors.getOrDefault(r.id, List.of()),
                    items.getOrDefault(r.id, List.of()))).toList();
        }
    }

    /** The singleton configuration row. */
    public static final class Configuration implements ConfigurationPort {
        private final Db db;

        public Configuration(Db db) {
            this.db = db;
        }

        /** Whether the configuration row exists, in plain JDBC (checked on every opening of the store). */
        public boolean exists() {
            return db.readJdbc(DirectReads::configurationExists);
        }

        @Override
        public ProjectConfiguration get() {
            Rows.ConfigurationRow r = db.read(s -> s.getMapper(ConfigurationMapper.class).get());
            if (r == null) {
                throw new InternalException("project configuration missing", null);
            }
            return r.toModel();
        }
    }

    /** Enhancements by priority. */
    public static final class Enhancements implements EnhancementPort {
        private final Db db;

        public Enhancements(Db db) {
            this.db = db;
        }

        @Override
        public Optional<Enhancement> get(UUID id) {
            return Optional.ofNullable(db.read(s -> s.getMapper(EnhancementMapper.class).get(id.toString())))
                    .map(Rows.EnhancementRow::toModel);
        }

        @Override
        public Page<Enhancement> list(EnhancementStatus status, int limit, int offset) {
            String st = status == null ? null : status.wire();
            return db.read(s -> {
                EnhancementMapper m = s.getMapper(EnhancementMapper.class);
                List<Enhancement> items = m.list(st, limit, offset).stream().map(Rows.EnhancementRow::toModel)
                        .toList();
                return Page.of(items, m.count(st), limit, offset);
            });
        }
    }

    /** The audit log, in append order. */
    public static final class Audit implements AuditPort {
        private final Db db;

        public Audit(Db db) {
            this.db = db;
        }

        @Override
        public List<AuditEvent> history(EntityType entityType, String entityId) {
            return db.read(s -> s.getMapper(AuditMapper.class).history(entityType.wire(), entityId).stream()
                    .map(Rows.AuditRow::toModel).toList());
        }

        @Override
        public List<AuditEvent> all(int limit, int offset) {
            return db.read(s -> s.getMapper(AuditMapper.class).all(limit, offset).stream()
                    .map(Rows.AuditRow::toModel).toList());
        }

        @Override
        public long count() {
            return db.read(s -> s.getMapper(AuditMapper.class).count());
        }
    }

    /** Outbox entries (payloads in {@link MutationCodec} JSON) and sync conflicts. */
    public static final class Outbox implements OutboxPort {
        private final Db db;

        public Outbox(Db db) {
            this.db = db;
        }

        @Override
        public void append(Mutation mutation, Instant queuedAt) {
            String payload = MutationCodec.encode(mutation);
            db.write(s -> s.getMapper(OutboxMapper.class).insert(queuedAt.toEpochMilli(), payload));
        }

        @Override
        public List<OutboxEntry> pending(int limit) {
            return db.read(s -> s.getMapper(OutboxMapper.class).pending(limit)).stream()
                    .map(r -> new OutboxEntry(r.seq, Instant.ofEpochMilli(r.queuedAt), MutationCodec.decode(r.payload)))
                    .toList();
        }

        @Override
        public void remove(long seq) {
            db.write(s -> s.getMapper(OutboxMapper.class).delete(seq));
        }

        @Override
        public long size() {
            // plain JDBC: a chain asks every layer's status when it opens it, before anything needs MyBatis
            return db.readJdbc(c -> DirectReads.count(c, "SELECT COUNT(*) FROM outbox"));
        }

        @Override
        public void recordConflict(SyncConflict c) {
            ConflictRow r = new ConflictRow();
            r.id = c.id().toString();
            r.entityType = c.entityType();
            r.entityId = c.entityId();
            r.baseVersion = c.baseVersion();
            r.theirVersion = c.theirVersion();
            r.detectedAt = c.detectedAt().toEpochMilli();
            r.mine = c.mine();
            r.theirs = c.theirs();
            r.mutation = c.mutation() == null ? null : MutationCodec.encode(c.mutation());
            db.write(s -> s.getMapper(OutboxMapper.class).insertConflict(r));
        }

        @Override
        public List<SyncConflict> conflicts() {
            return db.read(s -> s.getMapper(OutboxMapper.class).conflicts()).stream().map(Outbox::toConflict).toList();
        }

        @Override
        public Optional<SyncConflict> conflict(UUID id) {
            return Optional.ofNullable(db.read(s -> s.getMapper(OutboxMapper.class).conflict(id.toString())))
                    .map(Outbox::toConflict);
        }

        @Override
        public void removeConflict(UUID id) {
            db.write(s -> s.getMapper(OutboxMapper.class).deleteConflict(id.toString()));
        }

        public long conflictCount() {
            return db.readJdbc(c -> DirectReads.count(c, "SELECT COUNT(*) FROM sync_conflicts"));
        }

        @Override
        public Optional<Instant> lastSyncAt() {
            long at = db.readJdbc(c -> DirectReads.count(c,
                    "SELECT COALESCE(MAX(last_sync_at), -1) FROM sync_state WHERE id = 1"));
            return at < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
        }

        @Override
        public void recordSync(Instant at) {
            db.writeDirect(c -> {
                try (var ps = c.prepareStatement("INSERT INTO sync_state (id, last_sync_at) VALUES (1, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET last_sync_at = excluded.last_sync_at")) {
                    ps.setLong(1, at.toEpochMilli());
                    return ps.executeUpdate();
                } catch (java.sql.SQLException e) {
                    throw new org.apache.ibatis.exceptions.PersistenceException("recording the sync time failed", e);
                }
            });
        }

        private static SyncConflict toConflict(ConflictRow r) {
            return new SyncConflict(UUID.fromString(r.id), r.entityType, r.entityId, r.baseVersion, r.theirVersion,
                    Instant.ofEpochMilli(r.detectedAt), r.mine, r.theirs,
                    r.mutation == null ? null : MutationCodec.decode(r.mutation));
        }
    }
}
