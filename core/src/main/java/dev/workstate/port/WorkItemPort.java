package dev.workstate.port;

import dev.workstate.model.Dependency;
import dev.workstate.model.Page;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemOutline;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of work items and their dependency links. Returns items whatever their deleted/archived state unless a method
 * says otherwise; filtering for clients is the services' job.
 *
 * <p>Implementations are thread-safe.
 */
public interface WorkItemPort {

    Optional<WorkItem> get(UUID id);

    /** The items with these ids that exist, in no particular order. */
    List<WorkItem> getAll(Collection<UUID> ids);

    /**
     * Strict descendants of the item whose path is {@code path}, with depth at most {@code maxDepth} (absolute depth),
     * ordered by depth then path.
     */
    List<WorkItem> descendants(String path, int maxDepth, boolean includeDeleted, boolean includeArchived);

    /**
     * How many levels the subtree of {@code item} reaches below it as stored now, deleted and archived descendants
     * included (0 for a leaf): what a move must add to its new depth to stay within {@link WorkItem#MAX_DEPTH}.
     */
    default int levelsBelow(WorkItem item) {
        int deepest = item.depth();
        for (WorkItem d : descendants(item.path(), Integer.MAX_VALUE, true, true)) {
            deepest = Math.max(deepest, d.depth());
        }
        return deepest - item.depth();
    }

    Page<WorkItem> list(WorkItemFilter filter);

    /**
     * Every live (not deleted, not archived) item as an {@link WorkItemOutline}, in no particular order: what the status
     * report lists. Stores override this with a narrow read; the default goes through {@link #list} and is correct but
     * pays for whole records.
     */
    default List<WorkItemOutline> liveOutlines() {
        return list(WorkItemFilter.allLive(null)).items().stream().map(WorkItemOutline::of).toList();
    }

    /** Every dependency in which the item is source or target. */
    List<Dependency> dependenciesOf(UUID id);

    /** Ids of the items that {@code id} waits on (see {@link Dependency#waitedOn()}). */
    List<UUID> waitsOn(UUID id);

    /** Completed, live items whose {@code updated_at} is before {@code cutoff}, oldest first, at most {@code limit}. */
    List<WorkItem> archivable(Instant cutoff, int limit);

    /** Number of items, including deleted and archived ones. */
    long count();
}
