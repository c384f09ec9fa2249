package dev.workstate.migration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link LegacyStatusParser} found in a legacy {@code .project_status.md}: the records of every recognised section,
 * the counts the section headings declared, and every problem with its line number. Entries that could not be parsed are
 * not in the lists, only in {@link #issues()}.
 *
 * @param variant {@code generated} (the old generator's format), {@code hand_written} (the quickstart's format),
 *                {@code mixed} (sections of both) or {@code unknown} (no recognised section)
 * @param title the H1 line's text, or null
 * @param lastUpdated the timestamp of the H1 line, or null
 * @param declaredCounts per section kind ({@code vendors}, {@code work_items}, {@code deployments},
 *                       {@code enhancements}, {@code sessions}) the count its heading announced
 * @param entriesFound per section kind the number of entries seen, parsed or not
 *
 * <p>Immutable; thread-safe.
 */
public record LegacyStatus(String variant, String title, Instant lastUpdated, List<VendorEntry> vendors,
                           List<WorkItemEntry> workItems, List<DeploymentEntry> deployments,
                           List<EnhancementEntry> enhancements, List<SessionEntry> sessions,
                           Map<String, Integer> declaredCounts, Map<String, Integer> entriesFound,
                           List<ParseIssue> issues) {

    public static final String VENDORS = "vendors";
    public static final String WORK_ITEMS = "work_items";
    public static final String DEPLOYMENTS = "deployments";
    public static final String ENHANCEMENTS = "enhancements";
    public static final String SESSIONS = "sessions";

    public LegacyStatus {
        vendors = List.copyOf(vendors);
        workItems = List.copyOf(workItems);
        deployments = List.copyOf(deployments);
        enhancements = List.copyOf(enhancements);
        sessions = List.copyOf(sessions);
        declaredCounts = Map.copyOf(declaredCounts);
        entriesFound = Map.copyOf(entriesFound);
        issues = List.copyOf(issues);
    }

    /** True when some entry or section could not be parsed (warnings included). */
    public boolean hasIssues() {
        return !issues.isEmpty();
    }

    /** Number of parsed records of one section kind. */
    public int parsedCount(String kind) {
        return switch (kind) {
            case VENDORS -> vendors.size();
            case WORK_ITEMS -> workItems.size();
            case DEPLOYMENTS -> deployments.size();
            case ENHANCEMENTS -> enhancements.size();
            case SESSIONS -> sessions.size();
            default -> 0;
        };
    }

    /**
     * A problem found while parsing.
     *
     * @param line 1-based line number in the file
     * @param section the section kind (see the constants) or the heading text of an unknown section
     * @param severity {@code error} (the entry or section was skipped) or {@code warning} (kept, with the loss described)
     */
    public record ParseIssue(int line, String section, String severity, String message) {
        public static final String ERROR = "error";
        public static final String WARNING = "warning";
    }

    /**
     * A vendor entry; {@code formats} holds the supported ones of {@code excel, csv, pdf, ocr}.
     *
     * @param skipped null when the entry does not say (the migration then stores 0)
     * @param extractorVersion null when the entry does not say
     */
    public record VendorEntry(int line, String name, String status, long passing, long total, Long skipped,
                              Set<String> formats, String extractorVersion, Boolean manifestCompliant) {
        public VendorEntry {
            formats = Set.copyOf(formats);
        }
    }

    /**
     * A work item of the generated format's "Active Work Items" section.
     *
     * @param depth nesting level from the heading's indentation (two spaces per level)
     * @param parentTitle the "Parent" bullet, or null
     * @param legacyId an id such as {@code T001} from an "ID" bullet or a leading {@code T001:} in the title, or null
     */
    public record WorkItemEntry(int line, String title, String itemType, String status, int depth,
                                String parentTitle, String branchName, Instant createdAt, String legacyId,
                                String description) {
    }

    /**
     * A deployment; {@code workItemRefs} are legacy ids without the {@code #} (e.g. {@code T001}).
     */
    public record DeploymentEntry(int line, Instant deployedAt, int prNumber, String prTitle, String commitHash,
                                  Map<String, Long> testSummary, boolean constitutionalCompliance,
                                  List<String> vendorNames, List<String> workItemRefs) {
        public DeploymentEntry {
            testSummary = Map.copyOf(testSummary);
            vendorNames = List.copyOf(vendorNames);
            workItemRefs = List.copyOf(workItemRefs);
        }
    }

    /**
     * A future enhancement; {@code priority} is 1 (highest) to 5, {@code targetQuarter} is {@code YYYY-Qn} or null.
     */
    public record EnhancementEntry(int line, String title, int priority, String targetQuarter, String description) {
    }

    /**
     * A session prompt with its YAML front matter (which contains {@code schema_version}).
     *
     * @param legacyId the front matter's {@code session_id}, or null
     */
    public record SessionEntry(int line, String title, Map<String, Object> frontmatter, long tokenBudget,
                               long promptsCount, String legacyId, String body) {
        public SessionEntry {
            frontmatter = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(frontmatter));
        }
    }
}
