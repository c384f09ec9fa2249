package dev.workstate.service;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.Page;
import dev.workstate.model.WorkItem;
import java.util.List;

/**
 * Use cases of hierarchical work items: create, versioned update (including re-parenting, soft delete and restore),
 * hierarchy queries, lists with filters and full-text search, dependency links, claims with leases, history and archive.
 * Every change appends an audit event in the same transaction.
 *
 * <p>Errors: {@link dev.workstate.error.ValidationException} (listing every bad field),
 * {@link dev.workstate.error.NotFoundException}, {@link dev.workstate.error.VersionConflictException},
 * {@link dev.workstate.error.DependencyCycleException}, {@link dev.workstate.error.StorageUnavailableException}.
 *
 * <p>Implementations are thread-safe.
 */
public interface WorkItemService {

    WorkItem create(NewWorkItem request);

    WorkItem update(WorkItemUpdate request);

    /** The live or soft-deleted item (archived items too); NOT_FOUND if it never existed. */
    WorkItem get(String id);

    /**
     * The item with hierarchy and dependencies.
     *
     * @param maxDepth 1-5 levels of descendants below the item; null means 5
     * @param includeDeleted include soft-deleted ancestors/descendants
     */
    WorkItemView query(String id, boolean includeHierarchy, boolean includeDependencies, Integer maxDepth,
                       boolean includeDeleted);

    Page<WorkItem> list(WorkItemQuery query);

    /** Creates (or with {@code remove}, deletes) a dependency link; self-links and cycles are DEPENDENCY_CYCLE. */
    Dependency link(String sourceId, String targetId, String dependencyType, String by, boolean remove);

    /**
     * Claims, renews or releases a lease on an item.
     *
     * @param action {@code claim} (default), {@code renew} or {@code release}
     * @param leaseMinutes 1-1440, default 30
     */
    ClaimResult claim(String id, String claimedBy, String action, Integer leaseMinutes);

    /** The item's audit events, oldest first. */
    List<AuditEvent> history(String id);

    /** Archives completed items whose last change is older than {@code olderThanDays} (default 365), in batches. */
    ArchiveResult archive(Integer olderThanDays, String by);
}
