package dev.workstate.storage.markdown.internal;

import dev.workstate.model.Dependency;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.OutboxEntry;
import dev.workstate.port.SyncConflict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One thread's open transaction: whether it holds the write locks, and the before-image of every record it changed
 * (null = did not exist), from which commit derives the files to write and rollback restores memory.
 *
 * <p>Not thread-safe: bound to one thread.
 */
final class Txn {
    boolean locked;
    final Map<UUID, WorkItem> items = new LinkedHashMap<>();
    final Map<UUID, Vendor> vendors = new LinkedHashMap<>();
    final Map<UUID, Deployment> deployments = new LinkedHashMap<>();
    final Map<UUID, Enhancement> enhancements = new LinkedHashMap<>();
    final Map<DepKey, Dependency> deps = new LinkedHashMap<>();
    final Map<Long, OutboxEntry> outbox = new LinkedHashMap<>();
    final Map<UUID, SyncConflict> conflicts = new LinkedHashMap<>();
    boolean configTouched;
    ProjectConfiguration configBefore;
    int auditAppended;
    int auditSegmentBefore;
    int auditSegmentLinesBefore;
    long outboxHighBefore;

    boolean isEmpty() {
        return items.isEmpty() && vendors.isEmpty() && deployments.isEmpty() && enhancements.isEmpty()
                && deps.isEmpty() && outbox.isEmpty() && conflicts.isEmpty() && !configTouched && auditAppended == 0;
    }
}
