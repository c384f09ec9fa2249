package dev.workstate.internal.service;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.DependencyCycleException;
import dev.workstate.error.DuplicateException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.ValidationException;
import dev.workstate.error.Validator;
import dev.workstate.error.VersionConflictException;
import dev.workstate.internal.Checks;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.EntityType;
import dev.workstate.model.Ids;
import dev.workstate.model.ItemType;
import dev.workstate.model.Page;
import dev.workstate.model.Times;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.port.Mutation;
import dev.workstate.port.StalePathException;
import dev.workstate.port.Store;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.service.ArchiveResult;
import dev.workstate.service.ClaimResult;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemService;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.service.WorkItemView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work-item use cases over one {@link Store}: validation of every input (all field errors at once), typed metadata,
 * materialised-path hierarchy, optimistic versions, dependencies with cycle detection, leases, audit and archive.
 *
 * <p>Concurrency: the store's compare-and-set decides every versioned race; hierarchy facts read before a transaction
 * are re-checked inside it after its first write (which, on SQLite, holds the write lock), and a stale read is retried,
 * so a concurrent move can never leave a child with a wrong path.
 *
 * <p>Thread-safe: stateless apart from its injected collaborators.
 */
@Singleton
public final class DefaultWorkItemService implements WorkItemService {
    /** The entity type named in VERSION_CONFLICT and NOT_FOUND details. */
    public static final String ENTITY = "WorkItem";
    public static final int TITLE_MAX = 200;
    public static final int DESCRIPTION_MAX = 10_000;
    public static final int BRANCH_NAME_MAX = 100;
    public static final int QUERY_MAX = 200;
    public static final int DEFAULT_LIMIT = 50;
    public static final int DEFAULT_LEASE_MINUTES = 30;
    public static final int MAX_LEASE_MINUTES = 1440;
    public static final int DEFAULT_ARCHIVE_DAYS = 365;
    public static final int ARCHIVE_BATCH = 100;
    static final List<String> CLAIM_ACTIONS = List.of("claim", "renew", "release");

    private static final Logger LOG = LoggerFactory.getLogger(DefaultWorkItemService.class);
    /**
     * Attempts of a create or move whose parent moved between the read and the write. A retry only happens after
     * another transaction completed a move (PostgreSQL makes creates and moves wait for a move in progress), so the
     * system always progresses; the bound only stops one caller from chasing a parent that is moved non-stop.
     */
    private static final int STALE_RETRIES = 25;

    private final Store store;
    private final Clock clock;
    private final WorkstateConfig config;

    @Inject
    public DefaultWorkItemService(Store store, Clock clock, WorkstateConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    // ---------------------------------------------------------------- create

    @Override
    public WorkItem create(NewWorkItem r) {
        if (r == null) {
            throw ValidationException.of("request", "is required");
        }
        Validator v = new Validator();
        ItemType type = required(v, "item_type", r.itemType(), ItemType::parse, ItemType.wireNames());
        String title = Checks.text(v, "title", r.title(), TITLE_MAX);
        String description = Checks.optionalText(v, "description", r.description(), DESCRIPTION_MAX, false);
        WorkItemStatus status = r.status() == null ? WorkItemStatus.ACTIVE
                : Checks.oneOf(v, "status", r.status(), WorkItemStatus::parse, WorkItemStatus.wireNames());
        UUID parentId = Checks.optionalUuid(v, "parent_id", r.parentId());
        String branch = Checks.optionalText(v, "branch_name", r.branchName(), BRANCH_NAME_MAX, true);
        String commit = Checks.commitHash(v, "commit_hash", r.commitHash());
        Integer pr = prNumber(v, r.prNumber());
        String createdBy = Checks.actor(v, "created_by", r.createdBy(), config.client());
        Map<String, Object> metadata = type == null ? null
                : WorkItemMetadataValidator.validate(v, type, r.metadata());
        unicode(v, "title", r.title());
        unicode(v, "description", r.description());
        unicode(v, "branch_name", r.branchName());
        unicode(v, "created_by", r.createdBy());
        WorkItem parent = parentId == null ? null : checkParent(v, parentId, null);
        v.throwIfInvalid();

        UUID id = Ids.newId();
        Instant now = Times.now(clock);
        for (int attempt = 1; ; attempt++) {
            WorkItem p = parent;
            WorkItem item = WorkItem.builder()
                    .id(id).version(1).itemType(type).title(title).description(description).status(status)
                    .under(p)
                    .branchName(branch).commitHash(commit).prNumber(pr).metadata(metadata)
                    .createdAt(now).updatedAt(now).createdBy(createdBy).updatedBy(createdBy)
                    .build();
            try {
                return store.inTransaction(() -> {
                    store.apply(new Mutation.InsertWorkItem(item));
                    if (p != null) {
                        recheckParent(p, null);
                    }
                    store.apply(Audit.append(EntityType.WORK_ITEM, id.toString(), "create", createdBy, now, null,
                            item));
                    return item;
                });
            } catch (StaleRead e) {
                if (attempt >= STALE_RETRIES) {
                    throw ValidationException.of("parent_id", "the parent kept moving; try again");
                }
                LOG.debug("parent {} moved while creating {}; retrying", parentId, id);
                Validator again = new Validator();
                parent = checkParent(again, parentId, null);
                again.throwIfInvalid();
            }
        }
    }

    // ---------------------------------------------------------------- update

    @Override
    public WorkItem update(WorkItemUpdate r) {
        if (r == null) {
            throw ValidationException.of("request", "is required");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return updateOnce(r);
            } catch (StaleRead | StalePathException e) {
                if (attempt >= STALE_RETRIES) {
                    throw ValidationException.of("parent_id", "the hierarchy around the item kept moving; try again");
                }
                LOG.debug("hierarchy changed while updating {}; retrying", r.id());
            }
        }
    }

    private WorkItem updateOnce(WorkItemUpdate r) {
        Instant now = Times.now(clock);
        Validator v = new Validator();
        UUID id = Checks.uuid(v, "id", r.id());
        Long expected = r.version();
        if (expected == null) {
            v.reject("version", "is required");
        } else if (expected < 1) {
            v.reject("version", "must be at least 1 (got " + expected + ")");
        }
        String updatedBy = Checks.actor(v, "updated_by", r.updatedBy(), config.client());

        String title = null;
        if (r.title() != null) {
            title = r.title().isEmpty() ? rejectClear(v, "title") : Checks.text(v, "title", r.title().get(), TITLE_MAX);
        }
        String description = r.description() == null ? null
                : Checks.optionalText(v, "description", r.description().orElse(null), DESCRIPTION_MAX, false);
        WorkItemStatus status = null;
        if (r.status() != null) {
            status = r.status().isEmpty() ? rejectClear(v, "status")
                    : Checks.oneOf(v, "status", r.status().get(), WorkItemStatus::parse, WorkItemStatus.wireNames());
        }
        UUID newParentId = null;
        if (r.parentId() != null && r.parentId().isPresent()) {
            newParentId = Checks.optionalUuid(v, "parent_id", r.parentId().get());
        }
        String branch = r.branchName() == null ? null
                : Checks.optionalText(v, "branch_name", r.branchName().orElse(null), BRANCH_NAME_MAX, true);
        String commit = r.commitHash() == null ? null
                : Checks.commitHash(v, "commit_hash", r.commitHash().orElse(null));
        Integer pr = r.prNumber() == null ? null : prNumber(v, r.prNumber().orElse(null));
        Instant deletedAt = null;
        if (r.deletedAt() != null && r.deletedAt().isPresent()) {
            deletedAt = Times.truncate(Checks.instant(v, "deleted_at", r.deletedAt().get(), now, true));
            if (r.restore()) {
                v.reject("restore", "cannot be combined with deleted_at");
            }
        }
        unicode(v, "title", title);
        unicode(v, "description", description);
        unicode(v, "branch_name", branch);
        unicode(v, "updated_by", r.updatedBy());
        boolean clearDeleted = r.restore() || (r.deletedAt() != null && r.deletedAt().isEmpty());
        boolean anything = r.title() != null || r.description() != null || r.status() != null
                || r.metadata() != null || r.parentId() != null || r.branchName() != null || r.commitHash() != null
                || r.prNumber() != null || r.deletedAt() != null || r.restore();
        if (!anything) {
            v.reject("update", "nothing to change: give at least one field");
        }
        if (id == null || expected == null) {
            v.throwIfInvalid();
        }

        Optional<WorkItem> found = store.workItems().get(id);
        if (found.isEmpty()) {
            v.throwIfInvalid();
            throw new NotFoundException(ENTITY, id.toString());
        }
        WorkItem current = found.get();
        Map<String, Object> metadata = null;
        if (r.metadata() != null) {
            metadata = WorkItemMetadataValidator.validate(v, current.itemType(), r.metadata().orElse(Map.of()));
        }
        boolean moving = r.parentId() != null && !java.util.Objects.equals(
                r.parentId().isPresent() ? newParentId : null, current.parentId());
        WorkItem newParent = null;
        if (moving && newParentId != null) {
            newParent = checkParent(v, newParentId, current);
        } else if (moving && r.parentId().isPresent()) {
            moving = false; // malformed id, already reported
        }
        if (moving) {
            checkSubtreeDepth(v, current, newParent == null ? 0 : newParent.depth() + 1);
        }
        if (r.restore() && !current.isDeleted()) {
            v.reject("restore", "the work item is not deleted");
        }
        v.throwIfInvalid();

        if (current.version() != expected) {
            throw conflict(current, expected);
        }

        WorkItem.Builder b = current.toBuilder()
                .version(expected + 1)
                .updatedAt(advance(now, current.updatedAt()))
                .updatedBy(updatedBy);
        if (title != null) {
            b.title(title);
        }
        if (r.description() != null) {
            b.description(description);
        }
        if (status != null) {
            b.status(status);
        }
        if (metadata != null) {
            b.metadata(metadata);
        }
        if (r.branchName() != null) {
            b.branchName(branch);
        }
        if (r.commitHash() != null) {
            b.commitHash(commit);
        }
        if (r.prNumber() != null) {
            b.prNumber(pr);
        }
        if (deletedAt != null) {
            b.deletedAt(deletedAt);
        } else if (clearDeleted) {
            b.deletedAt(null);
        }
        if (moving) {
            b.under(newParent);
        }
        WorkItem next = b.build();
        String operation = deletedAt != null ? "delete"
                : clearDeleted && current.isDeleted() ? "restore"
                : moving ? "move" : "update";

        // The record carries path and depth as read; the guard refuses it if a concurrent move of an ancestor has
        // re-pathed the item since (the item's own row is not re-pathed by this update's MoveSubtree, which moves only
        // the descendants, so the guard is the path as read in both cases).
        Mutation update = new Mutation.UpdateWorkItem(next, expected, current.path());
        Mutation audit = Audit.append(EntityType.WORK_ITEM, id.toString(), operation, updatedBy, now, current, next);
        if (!moving) {
            store.applyAll(List.of(update, audit));
            return next;
        }
        WorkItem target = newParent;
        return store.inTransaction(() -> {
            // The descendants go first: a store that lets transactions interleave (PostgreSQL) serialises moves
            // here, so the re-checks below see every move committed before this one (two crossing moves, A
            // under B and B under A, would otherwise both pass and close a cycle).
            store.apply(new Mutation.MoveSubtree(id, current.path(), next.path(), next.depth() - current.depth()));
            store.apply(update);
            if (target != null) {
                recheckParent(target, current);
            }
            Validator inside = new Validator();
            // measured on the re-pathed subtree, so a concurrent move that deepened it is counted
            checkSubtreeDepth(inside, next, next.depth());
            inside.throwIfInvalid();
            store.apply(audit);
            return next;
        });
    }

    // ---------------------------------------------------------------- reads

    @Override
    public WorkItem get(String id) {
        Validator v = new Validator();
        UUID uid = Checks.uuid(v, "id", id);
        v.throwIfInvalid();
        return require(uid);
    }

    @Override
    public WorkItemView query(String id, boolean includeHierarchy, boolean includeDependencies, Integer maxDepth,
                              boolean includeDeleted) {
        Validator v = new Validator();
        UUID uid = Checks.uuid(v, "id", id);
        int levels = maxDepth == null ? WorkItem.MAX_DEPTH : maxDepth;
        v.check(levels >= 1 && levels <= WorkItem.MAX_DEPTH, "max_depth",
                "must be between 1 and " + WorkItem.MAX_DEPTH + " (got " + levels + ")");
        v.throwIfInvalid();
        WorkItem item = require(uid);
        Instant now = Times.now(clock);

        List<WorkItemSummary> ancestors = null;
        List<WorkItemSummary> descendants = null;
        if (includeHierarchy) {
            List<UUID> ids = ancestorIds(item.path());
            Map<UUID, WorkItem> byId = store.workItems().getAll(ids).stream()
                    .collect(Collectors.toMap(WorkItem::id, Function.identity(), (a, b) -> a));
            ancestors = ids.stream().map(byId::get)
                    .filter(w -> w != null && (includeDeleted || !w.isDeleted()) && !w.isArchived())
                    .map(WorkItemSummary::of)
                    .toList();
            descendants = store.workItems().descendants(item.path(), item.depth() + levels, includeDeleted, false)
                    .stream().map(WorkItemSummary::of).toList();
        }
        List<Dependency> dependencies = includeDependencies ? store.workItems().dependenciesOf(uid) : null;
        // The links just read already say what the item waits on: no second query for the readiness.
        boolean ready = dependencies == null ? isReady(item, config.client(), now)
                : isReady(item, config.client(), now, () -> dependencies.stream()
                        .filter(d -> d.waiter().equals(uid)).map(Dependency::waitedOn).distinct().toList());
        return new WorkItemView(item, ancestors, descendants, dependencies, ready);
    }

    @Override
    public Page<WorkItem> list(WorkItemQuery query) {
        WorkItemQuery q = query == null ? WorkItemQuery.all() : query;
        Validator v = new Validator();
        ItemType type = Checks.oneOf(v, "item_type", q.itemType(), ItemType::parse, ItemType.wireNames());
        WorkItemStatus status = Checks.oneOf(v, "status", q.status(), WorkItemStatus::parse,
                WorkItemStatus.wireNames());
        UUID parent = Checks.optionalUuid(v, "parent_id", q.parentId());
        if (q.rootOnly() && q.parentId() != null) {
            v.reject("root_only", "cannot be combined with parent_id");
        }
        String text = Checks.optionalText(v, "query", q.query(), QUERY_MAX, true);
        int[] paging = Checks.paging(v, q.limit(), q.offset(), DEFAULT_LIMIT);
        String viewer = Checks.actor(v, "viewer", q.viewer(), config.client());
        v.throwIfInvalid();
        return store.workItems().list(new WorkItemFilter(type, status, parent, q.rootOnly(), q.ready(),
                text == null ? null : text.trim(), q.includeDeleted(), q.includeArchived(), viewer,
                Times.now(clock), paging[0], paging[1]));
    }

    @Override
    public List<AuditEvent> history(String id) {
        Validator v = new Validator();
        UUID uid = Checks.uuid(v, "id", id);
        v.throwIfInvalid();
        require(uid);
        return store.audit().history(EntityType.WORK_ITEM, uid.toString());
    }

    // ---------------------------------------------------------------- dependencies

    @Override
    public Dependency link(String sourceId, String targetId, String dependencyType, String by, boolean remove) {
        Validator v = new Validator();
        UUID source = Checks.uuid(v, "source_id", sourceId);
        UUID target = Checks.uuid(v, "target_id", targetId);
        DependencyType type = required(v, "dependency_type", dependencyType, DependencyType::parse,
                DependencyType.wireNames());
        String actor = Checks.actor(v, "created_by", by, config.client());
        unicode(v, "created_by", by);
        v.throwIfInvalid();
        String key = source + ":" + target + ":" + type.wire();
        if (source.equals(target) && !remove) {
            throw new DependencyCycleException("a work item cannot depend on itself: " + source,
                    List.of(source.toString(), source.toString()));
        }
        require(source);
        require(target);
        Instant now = Times.now(clock);

        if (remove) {
            Dependency existing = store.workItems().dependenciesOf(source).stream()
                    .filter(d -> d.sourceId().equals(source) && d.targetId().equals(target)
                            && d.dependencyType() == type)
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("Dependency", key));
            return store.inTransaction(() -> {
                store.apply(new Mutation.DeleteDependency(source, target, type));
                store.apply(Audit.append(EntityType.DEPENDENCY, key, "unlink", actor, now, existing, null));
                return existing;
            });
        }

        Dependency dep = new Dependency(source, target, type, now, actor);
        throwIfDuplicate(dep, key, false);
        throwIfCycle(dep);
        return store.inTransaction(() -> {
            store.apply(new Mutation.InsertDependency(dep));
            // Re-checked after the insert: a link committed concurrently (the same edge written the other way round,
            // or one in the opposite direction) shows up here and rolls this one back.
            throwIfDuplicate(dep, key, true);
            throwIfCycle(dep);
            store.apply(Audit.append(EntityType.DEPENDENCY, key, "link", actor, now, null, dep));
            return dep;
        });
    }

    /** The same "waits on" edge may exist once, whichever way round it was written. */
    private void throwIfDuplicate(Dependency dep, String key, boolean inserted) {
        for (Dependency d : store.workItems().dependenciesOf(dep.sourceId())) {
            boolean itself = d.sourceId().equals(dep.sourceId()) && d.targetId().equals(dep.targetId())
                    && d.dependencyType() == dep.dependencyType();
            if (inserted && itself) {
                continue;
            }
            if (d.waiter().equals(dep.waiter()) && d.waitedOn().equals(dep.waitedOn())) {
                throw new DuplicateException("dependency", key,
                        d.sourceId() + ":" + d.targetId() + ":" + d.dependencyType().wire());
            }
        }
    }

    private void throwIfCycle(Dependency dep) {
        List<UUID> path = waitPath(dep.waitedOn(), dep.waiter());
        if (path != null) {
            List<String> cycle = new ArrayList<>();
            cycle.add(dep.waiter().toString());
            path.forEach(id -> cycle.add(id.toString()));
            throw new DependencyCycleException("linking " + dep.sourceId() + " " + dep.dependencyType().wire() + " "
                    + dep.targetId() + " would create a cycle: " + String.join(" -> ", cycle), cycle);
        }
    }

    /** The chain of "waits on" links from {@code from} to {@code to} (both included), or null if there is none. */
    private List<UUID> waitPath(UUID from, UUID to) {
        Map<UUID, UUID> cameFrom = new HashMap<>();
        Deque<UUID> queue = new ArrayDeque<>();
        Set<UUID> seen = new HashSet<>();
        queue.add(from);
        seen.add(from);
        while (!queue.isEmpty()) {
            UUID at = queue.poll();
            if (at.equals(to)) {
                List<UUID> path = new ArrayList<>();
                for (UUID x = to; x != null; x = cameFrom.get(x)) {
                    path.add(x);
                }
                Collections.reverse(path);
                return path;
            }
            for (UUID next : store.workItems().waitsOn(at)) {
                if (seen.add(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- claims

    @Override
    public ClaimResult claim(String id, String claimedBy, String action, Integer leaseMinutes) {
        Validator v = new Validator();
        UUID uid = Checks.uuid(v, "id", id);
        String by = Checks.actor(v, "claimed_by", claimedBy, config.client());
        unicode(v, "claimed_by", claimedBy);
        String act = action == null ? "claim"
                : Checks.oneOf(v, "action", action, a -> CLAIM_ACTIONS.contains(a) ? Optional.of(a) : Optional.empty(),
                        CLAIM_ACTIONS);
        int lease = leaseMinutes == null ? DEFAULT_LEASE_MINUTES : leaseMinutes;
        v.check(lease >= 1 && lease <= MAX_LEASE_MINUTES, "lease_minutes",
                "must be between 1 and " + MAX_LEASE_MINUTES + " (got " + lease + ")");
        v.throwIfInvalid();
        WorkItem before = require(uid);
        Instant now = Times.now(clock);

        if ("release".equals(act)) {
            return store.inTransaction(() -> {
                boolean released = store.apply(new Mutation.ReleaseClaim(uid, by));
                WorkItem after = require(uid);
                if (released) {
                    store.apply(Audit.append(EntityType.WORK_ITEM, uid.toString(), "release", by, now, before, after));
                }
                return result(released, act, after, now);
            });
        }
        if (before.isDeleted() || before.isArchived()) {
            throw ValidationException.of("id", "the work item is " + (before.isDeleted() ? "deleted" : "archived")
                    + " and cannot be claimed");
        }
        if ("renew".equals(act) && !by.equals(before.claimedBy())) {
            // Only the holder renews; someone else's lease (or none) is reported, not taken over.
            return result(false, act, before, now);
        }
        Instant expires = now.plus(Duration.ofMinutes(lease));
        return store.inTransaction(() -> {
            boolean granted = store.apply(new Mutation.ClaimWorkItem(uid, by, expires, now));
            WorkItem after = require(uid);
            if (granted) {
                store.apply(Audit.append(EntityType.WORK_ITEM, uid.toString(), act, by, now, before, after));
            }
            return result(granted, act, after, now);
        });
    }

    private static ClaimResult result(boolean granted, String action, WorkItem item, Instant now) {
        boolean held = item.isClaimedAt(now);
        return new ClaimResult(granted, action, held ? item.claimedBy() : null, held ? item.claimExpiresAt() : null,
                item);
    }

    // ---------------------------------------------------------------- archive

    @Override
    public ArchiveResult archive(Integer olderThanDays, String by) {
        Validator v = new Validator();
        int days = olderThanDays == null ? DEFAULT_ARCHIVE_DAYS : olderThanDays;
        v.check(days >= 1, "older_than_days", "must be at least 1 (got " + days + ")");
        String actor = Checks.actor(v, "updated_by", by, config.client());
        unicode(v, "updated_by", by);
        v.throwIfInvalid();
        Instant now = Times.now(clock);
        Instant cutoff = now.minus(Duration.ofDays(days));
        Set<UUID> archived = new LinkedHashSet<>();
        int conflicts = 0;
        while (true) {
            List<WorkItem> batch = store.workItems().archivable(cutoff, ARCHIVE_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            if (batch.stream().anyMatch(w -> archived.contains(w.id()))) {
                LOG.error("the {} store offered already archived items again; stopping the archive run",
                        store.layer());
                break;
            }
            try {
                store.inTransaction(() -> {
                    for (WorkItem w : batch) {
                        WorkItem next = w.toBuilder().archivedAt(now).version(w.version() + 1)
                                .updatedAt(advance(now, w.updatedAt())).updatedBy(actor).build();
                        store.apply(new Mutation.UpdateWorkItem(next, w.version(), w.path()));
                        store.apply(Audit.append(EntityType.WORK_ITEM, w.id().toString(), "archive", actor, now, w,
                                next));
                    }
                    return null;
                });
                batch.forEach(w -> archived.add(w.id()));
            } catch (VersionConflictException | NotFoundException | StalePathException e) {
                // An item changed under us: the batch rolled back; re-reading drops the changed item (it is newer).
                if (++conflicts > 10) {
                    LOG.warn("archive run stopped after {} conflicting batches; {} items archived", conflicts,
                            archived.size());
                    break;
                }
            }
        }
        return new ArchiveResult(archived.size(), cutoff, List.copyOf(archived));
    }

    // ---------------------------------------------------------------- helpers

    private WorkItem require(UUID id) {
        return store.workItems().get(id).orElseThrow(() -> new NotFoundException(ENTITY, id.toString()));
    }

    /**
     * Checks a (new) parent: it exists, is live, leaves room for one more level, and, for a move of {@code moving},
     * is neither the item itself nor one of its descendants. Records errors on {@code parent_id}.
     */
    private WorkItem checkParent(Validator v, UUID parentId, WorkItem moving) {
        Optional<WorkItem> found = store.workItems().get(parentId);
        if (found.isEmpty()) {
            v.reject("parent_id", "parent work item not found: " + parentId);
            return null;
        }
        WorkItem parent = found.get();
        boolean ok = true;
        if (moving != null && parent.id().equals(moving.id())) {
            v.reject("parent_id", "a work item cannot be its own parent");
            return null;
        }
        if (moving != null && parent.path().startsWith(moving.path() + "/")) {
            v.reject("parent_id", "cannot move a work item under its own descendant " + parentId);
            return null;
        }
        if (parent.isDeleted()) {
            ok = v.check(false, "parent_id", "parent work item is deleted: " + parentId);
        } else if (parent.isArchived()) {
            ok = v.check(false, "parent_id", "parent work item is archived: " + parentId);
        }
        if (parent.depth() + 1 > WorkItem.MAX_DEPTH) {
            ok = v.check(false, "parent_id", "parent is at depth " + parent.depth() + "; a child would exceed the "
                    + "maximum depth " + WorkItem.MAX_DEPTH);
        }
        return ok ? parent : null;
    }

    /** Inside a transaction: the parent read earlier must still be live and where it was. */
    private void recheckParent(WorkItem parent, WorkItem moving) {
        Validator v = new Validator();
        WorkItem now = checkParent(v, parent.id(), moving);
        v.throwIfInvalid();
        if (!now.path().equals(parent.path()) || now.depth() != parent.depth()) {
            throw new StaleRead();
        }
    }

    /** A move must leave the deepest descendant at depth 5 or less. */
    private void checkSubtreeDepth(Validator v, WorkItem moving, int newDepth) {
        int resulting = newDepth + store.workItems().levelsBelow(moving);
        if (resulting > WorkItem.MAX_DEPTH) {
            v.reject("parent_id", "the move would put descendants at depth " + resulting + " (maximum "
                    + WorkItem.MAX_DEPTH + ")");
        }
    }

    /** Whether {@code item} is ready for {@code viewer}: see {@link WorkItemFilter#readyOnly()}. */
    private boolean isReady(WorkItem item, String viewer, Instant now) {
        return isReady(item, viewer, now, () -> store.workItems().waitsOn(item.id()));
    }

    /** Whether {@code item} is ready for {@code viewer}; {@code waitsOnIds} is asked only when it matters. */
    private boolean isReady(WorkItem item, String viewer, Instant now, Supplier<List<UUID>> waitsOnIds) {
        if (item.status() != WorkItemStatus.ACTIVE || item.isDeleted() || item.isArchived()) {
            return false;
        }
        if (item.isClaimedAt(now) && !item.claimedBy().equals(viewer)) {
            return false;
        }
        List<UUID> waitsOn = waitsOnIds.get();
        if (waitsOn.isEmpty()) {
            return true;
        }
        return store.workItems().getAll(waitsOn).stream()
                .allMatch(w -> w.status() == WorkItemStatus.COMPLETED || w.isDeleted());
    }

    private static List<UUID> ancestorIds(String path) {
        String[] parts = path.split("/");
        List<UUID> ids = new ArrayList<>();
        // parts[0] is the empty string before the leading slash; the last part is the item itself.
        for (int i = 1; i < parts.length - 1; i++) {
            ids.add(UUID.fromString(parts[i]));
        }
        return ids;
    }

    private static VersionConflictException conflict(WorkItem current, long expected) {
        return new VersionConflictException(ENTITY, current.id().toString(), expected, current.version(),
                current.updatedBy(), current);
    }

    /** updated_at strictly increases per item, even when two changes fall in the same millisecond. */
    static Instant advance(Instant now, Instant previous) {
        return previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
    }

    private static <E> E required(Validator v, String field, String value,
                                  Function<String, Optional<E>> parser, List<String> allowed) {
        if (value == null) {
            v.reject(field, "is required (one of " + String.join(", ", allowed) + ")");
            return null;
        }
        return Checks.oneOf(v, field, value, parser, allowed);
    }

    /** Rejects text with an unpaired surrogate: it cannot be stored as UTF-8 without silent replacement. */
    private static void unicode(Validator v, String field, String value) {
        if (!WorkItemMetadataValidator.wellFormed(value)) {
            v.reject(field, "must be valid Unicode text (found an unpaired surrogate)");
        }
    }

    private static <T> T rejectClear(Validator v, String field) {
        v.reject(field, "cannot be cleared");
        return null;
    }

    private static Integer prNumber(Validator v, Integer pr) {
        if (pr != null && pr < 1) {
            v.reject("pr_number", "must be at least 1 (got " + pr + ")");
            return null;
        }
        return pr;
    }

    /** A hierarchy fact read before the transaction changed; the whole operation is retried. */
    private static final class StaleRead extends RuntimeException {
        StaleRead() {
            super("stale hierarchy read", null, false, false);
        }
    }
}
