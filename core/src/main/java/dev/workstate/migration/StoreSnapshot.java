package dev.workstate.migration;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole content of one store, as its read ports return it: every work item (deleted and archived ones included,
 * claims kept), dependency, vendor, deployment with its links, enhancement, the configuration and the full audit log.
 * Lists are in a deterministic order: work items by depth then id (parents before children), dependencies by source,
 * target and type, vendors, deployments and enhancements by id, the audit log in append order.
 *
 * <p>Immutable; thread-safe.
 */
public record StoreSnapshot(ProjectConfiguration configuration, List<WorkItem> workItems,
                            List<Dependency> dependencies, List<Vendor> vendors, List<Deployment> deployments,
                            List<Enhancement> enhancements, List<AuditEvent> audit) {

    static final Comparator<WorkItem> ITEM_ORDER = Comparator.comparingInt(WorkItem::depth)
            .thenComparing(WorkItem::id);
    static final Comparator<Dependency> DEPENDENCY_ORDER = Comparator.comparing(Dependency::sourceId)
            .thenComparing(Dependency::targetId).thenComparing(d -> d.dependencyType().wire());

    public StoreSnapshot {
        workItems = workItems.stream().sorted(ITEM_ORDER).toList();
        dependencies = dependencies.stream().sorted(DEPENDENCY_ORDER).toList();
        vendors = vendors.stream().sorted(Comparator.comparing(Vendor::id)).toList();
        deployments = deployments.stream().sorted(Comparator.comparing(Deployment::id)).toList();
        enhancements = enhancements.stream().sorted(Comparator.comparing(Enhancement::id)).toList();
        audit = List.copyOf(audit);
    }

    /** Number of records per kind, with snake_case keys. */
    public Map<String, Object> counts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("work_items", workItems.size());
        m.put("dependencies", dependencies.size());
        m.put("vendors", vendors.size());
        m.put("deployments", deployments.size());
        m.put("enhancements", enhancements.size());
        m.put("audit_events", audit.size());
        return m;
    }

    /** Total number of records (the configuration counts as one). */
    public long size() {
        return 1L + workItems.size() + dependencies.size() + vendors.size() + deployments.size() + enhancements.size()
                + audit.size();
    }
}
