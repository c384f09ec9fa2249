package dev.workstate.report;

import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.ItemType;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemOutline;
import dev.workstate.model.WorkItemStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds a {@link StatusReport} from plain domain records. Every list is put into a total order here (ties broken by
 * id), whatever order the inputs came in, so the same data always gives the same report.
 *
 * <p>Stateless; thread-safe.
 */
public final class StatusReportBuilder {
    /** What the report shows as the parent of an item whose parent is no longer in the store. */
    public static final String UNKNOWN_PARENT = "Unknown";

    private static final Comparator<Vendor> VENDOR_ORDER = Comparator
            .comparing((Vendor v) -> v.name().toLowerCase(Locale.ROOT))
            .thenComparing(Vendor::name)
            .thenComparing(Vendor::id);
    private static final Comparator<WorkItemOutline> SIBLING_ORDER = Comparator
            .comparing(WorkItemOutline::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(WorkItemOutline::id);
    private static final Comparator<Deployment> NEWEST_FIRST = Comparator
            .comparing(Deployment::deployedAt).reversed()
            .thenComparing(Deployment::id, Comparator.reverseOrder());
    private static final Comparator<Enhancement> ENHANCEMENT_ORDER = Comparator
            .comparingInt(Enhancement::priority)
            .thenComparing(Enhancement::targetQuarter, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Enhancement::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Enhancement::id);

    private StatusReportBuilder() {
    }

    /**
     * @param at the report timestamp
     * @param vendors every vendor
     * @param liveItems every live (not deleted, not archived) work item
     * @param outsideParentTitles titles of parents that are not among {@code liveItems} (deleted or archived), by id;
     *                            parents missing from both show as {@value #UNKNOWN_PARENT}
     * @param archivedCount number of archived items
     * @param recentDeployments the deployments to show (the caller decides how many)
     * @param enhancements every enhancement; completed ones are left out
     */
    public static StatusReport build(Instant at, Collection<Vendor> vendors, Collection<WorkItem> liveItems,
                                     Map<UUID, String> outsideParentTitles, long archivedCount,
                                     Collection<Deployment> recentDeployments, Collection<Enhancement> enhancements) {
        List<WorkItemOutline> outlines = new ArrayList<>(liveItems.size());
        liveItems.forEach(w -> outlines.add(WorkItemOutline.of(w)));
        return fromOutlines(at, vendors, outlines, outsideParentTitles, archivedCount, recentDeployments,
                enhancements);
    }

    /**
     * The same as {@link #build} from the outlines of the live items, which is all the report prints of them.
     *
     * @param liveItems every live (not deleted, not archived) work item, as an outline
     */
    public static StatusReport fromOutlines(Instant at, Collection<Vendor> vendors,
                                            Collection<WorkItemOutline> liveItems,
                                            Map<UUID, String> outsideParentTitles, long archivedCount,
                                            Collection<Deployment> recentDeployments,
                                            Collection<Enhancement> enhancements) {
        List<Vendor> sortedVendors = vendors.stream().sorted(VENDOR_ORDER).toList();
        int operational = (int) sortedVendors.stream().filter(v -> v.status() == VendorStatus.OPERATIONAL).count();
        int total = sortedVendors.size();
        double percentage = total == 0 ? 0.0 : BigDecimal.valueOf(operational * 100L)
                .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP).doubleValue();
        StatusReport.VendorHealth health =
                new StatusReport.VendorHealth(total, operational, total - operational, percentage);
        List<StatusReport.VendorEntry> vendorEntries = sortedVendors.stream().map(StatusReportBuilder::vendor).toList();

        Map<UUID, String> vendorNames = new HashMap<>();
        vendors.forEach(v -> vendorNames.put(v.id(), v.name()));
        List<StatusReport.DeploymentEntry> deploymentEntries = recentDeployments.stream().sorted(NEWEST_FIRST)
                .map(d -> deployment(d, vendorNames)).toList();

        List<StatusReport.EnhancementEntry> enhancementEntries = enhancements.stream()
                .filter(e -> e.status() != EnhancementStatus.COMPLETED)
                .sorted(ENHANCEMENT_ORDER)
                .map(e -> new StatusReport.EnhancementEntry(e.id(), e.title(), e.priority(), e.targetQuarter(),
                        e.status()))
                .toList();

        return new StatusReport(at, health, vendorEntries,
                workItems(liveItems, outsideParentTitles == null ? Map.of() : outsideParentTitles, archivedCount),
                deploymentEntries, enhancementEntries);
    }

    private static StatusReport.VendorEntry vendor(Vendor v) {
        FormatSupport f = v.metadata().formatSupport();
        List<String> formats = new ArrayList<>(4);
        if (f.excel()) {
            formats.add("excel");
        }
        if (f.csv()) {
            formats.add("csv");
        }
        if (f.pdf()) {
            formats.add("pdf");
        }
        if (f.ocr()) {
            formats.add("ocr");
        }
        var t = v.metadata().testResults();
        return new StatusReport.VendorEntry(v.id(), v.name(), v.status(), v.extractorVersion(), t.passing(),
                t.total(), t.skipped(), formats, v.metadata().manifestCompliant());
    }

    private static StatusReport.DeploymentEntry deployment(Deployment d, Map<UUID, String> vendorNames) {
        List<String> names = d.vendorIds().stream().map(vendorNames::get).filter(Objects::nonNull)
                .sorted(Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT)).thenComparing(n -> n))
                .toList();
        return new StatusReport.DeploymentEntry(d.id(), d.deployedAt(), d.metadata().prNumber(),
                d.metadata().prTitle(), d.commitHash(), d.metadata().testSummary(),
                d.metadata().constitutionalCompliance(), names, d.workItemIds());
    }

    private static StatusReport.WorkItemSection workItems(Collection<WorkItemOutline> items,
                                                          Map<UUID, String> outside, long archivedCount) {
        Map<String, Long> byType = new LinkedHashMap<>();
        for (ItemType t : ItemType.values()) {
            byType.put(t.wire(), 0L);
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (WorkItemStatus s : WorkItemStatus.values()) {
            byStatus.put(s.wire(), 0L);
        }
        Map<UUID, WorkItemOutline> byId = new HashMap<>(items.size() * 2);
        for (WorkItemOutline w : items) {
            byId.put(w.id(), w);
            byType.merge(w.itemType().wire(), 1L, Long::sum);
            byStatus.merge(w.status().wire(), 1L, Long::sum);
        }
        // Roots are items without a parent in the set: true roots, and items whose parent is deleted or archived.
        Map<UUID, List<WorkItemOutline>> children = new HashMap<>();
        List<WorkItemOutline> roots = new ArrayList<>();
        for (WorkItemOutline w : items) {
            if (w.parentId() != null && byId.containsKey(w.parentId())) {
                children.computeIfAbsent(w.parentId(), k -> new ArrayList<>()).add(w);
            } else {
                roots.add(w);
            }
        }
        roots.sort(SIBLING_ORDER);
        children.values().forEach(l -> l.sort(SIBLING_ORDER));

        List<StatusReport.WorkItemEntry> ordered = new ArrayList<>(items.size());
        Deque<WorkItemOutline> stack = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(roots.get(i));
        }
        while (!stack.isEmpty()) {
            WorkItemOutline w = stack.pop();
            String parentTitle = null;
            if (w.parentId() != null) {
                WorkItemOutline parent = byId.get(w.parentId());
                parentTitle = parent != null ? parent.title() : outside.getOrDefault(w.parentId(), UNKNOWN_PARENT);
            }
            ordered.add(new StatusReport.WorkItemEntry(w.id(), w.title(), w.itemType(), w.status(), w.depth(),
                    w.parentId(), parentTitle, w.branchName(), w.createdAt()));
            List<WorkItemOutline> kids = children.get(w.id());
            if (kids != null) {
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(kids.get(i));
                }
            }
        }
        return new StatusReport.WorkItemSection(items.size(), byType, byStatus, archivedCount, ordered);
    }
}
