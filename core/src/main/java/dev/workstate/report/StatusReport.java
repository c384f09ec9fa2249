package dev.workstate.report;

import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.ItemType;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItemStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The status report (SPEC §2) as one model, already in display order, from which {@link MarkdownReportRenderer} and
 * {@link JsonReportRenderer} render the two forms. Build it with {@link StatusReportBuilder}.
 *
 * <p>Its JSON form (snake_case, through {@code dev.workstate.internal.Json}) is the JSON report.
 *
 * <p>Immutable; thread-safe.
 *
 * @param generatedAt the report's timestamp (the only part that varies for the same data)
 * @param vendorHealth counts over all vendors
 * @param vendors every vendor, by name (ignoring case, then exact name, then id)
 * @param activeWorkItems live (not deleted, not archived) items of every status, as a tree
 * @param recentDeployments the newest deployments, newest first
 * @param pendingEnhancements enhancements not yet completed, by priority, then target quarter (unscheduled last)
 */
public record StatusReport(Instant generatedAt, VendorHealth vendorHealth, List<VendorEntry> vendors,
                           WorkItemSection activeWorkItems, List<DeploymentEntry> recentDeployments,
                           List<EnhancementEntry> pendingEnhancements) {

    public StatusReport {
        vendors = List.copyOf(vendors);
        recentDeployments = List.copyOf(recentDeployments);
        pendingEnhancements = List.copyOf(pendingEnhancements);
    }

    /**
     * Vendor counts; {@code operationalPercentage} is rounded to two decimals (0 when there are no vendors).
     *
     * <p>Immutable; thread-safe.
     */
    public record VendorHealth(int totalVendors, int operationalCount, int brokenCount, double operationalPercentage) {
    }

    /**
     * One vendor line: status, test counts and supported formats (in the fixed order excel, csv, pdf, ocr).
     *
     * <p>Immutable; thread-safe.
     */
    public record VendorEntry(UUID id, String name, VendorStatus status, String extractorVersion, long testsPassing,
                              long testsTotal, long testsSkipped, List<String> formats, boolean manifestCompliant) {
        public VendorEntry {
            formats = List.copyOf(formats);
        }
    }

    /**
     * The work-item section: counts by type and by status (every type and status listed, zeros included), the number
     * of archived items (not listed), and the items in tree order (each parent before its children, siblings by
     * creation time then id).
     *
     * <p>Immutable; thread-safe.
     */
    public record WorkItemSection(int totalCount, Map<String, Long> byType, Map<String, Long> byStatus,
                                  long archivedCount, List<WorkItemEntry> items) {
        public WorkItemSection {
            byType = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byType));
            byStatus = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byStatus));
            items = List.copyOf(items);
        }
    }

    /**
     * One work item of the tree; {@code parentTitle} is null for roots and "Unknown" if the parent no longer exists.
     *
     * <p>Immutable; thread-safe.
     */
    public record WorkItemEntry(UUID id, String title, ItemType itemType, WorkItemStatus status, int depth,
                                UUID parentId, String parentTitle, String branchName, Instant createdAt) {
    }

    /**
     * One deployment: PR, commit, tests per category (sorted by category), compliance, and the linked vendors' names
     * (sorted) and work-item ids (as linked).
     *
     * <p>Immutable; thread-safe.
     */
    public record DeploymentEntry(UUID id, Instant deployedAt, int prNumber, String prTitle, String commitHash,
                                  Map<String, Long> testSummary, boolean constitutionalCompliance,
                                  List<String> vendors, List<UUID> workItemIds) {
        public DeploymentEntry {
            testSummary = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(testSummary));
            vendors = List.copyOf(vendors);
            workItemIds = List.copyOf(workItemIds);
        }
    }

    /**
     * One pending enhancement.
     *
     * <p>Immutable; thread-safe.
     */
    public record EnhancementEntry(UUID id, String title, int priority, String targetQuarter,
                                   EnhancementStatus status) {
    }
}
