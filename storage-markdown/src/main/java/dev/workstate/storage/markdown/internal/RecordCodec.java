package dev.workstate.storage.markdown.internal;

import dev.workstate.model.ContextType;
import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.ItemType;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.TestResults;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Converts each record type to its file text (front matter with every field in a fixed order, then a readable Markdown
 * body) and back. The same record always gives the same bytes: field order is fixed, map keys are sorted, times are
 * printed with exactly three fraction digits.
 *
 * <p>Stateless; thread-safe.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    // ---------------------------------------------------------------- work items

    public static String workItem(WorkItem w) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", w.id().toString());
        f.put("version", w.version());
        f.put("item_type", w.itemType().wire());
        f.put("title", w.title());
        f.put("description", w.description());
        f.put("status", w.status().wire());
        f.put("parent_id", str(w.parentId()));
        f.put("path", w.path());
        f.put("depth", (long) w.depth());
        f.put("branch_name", w.branchName());
        f.put("commit_hash", w.commitHash());
        f.put("pr_number", w.prNumber() == null ? null : (long) w.prNumber());
        f.put("metadata", sorted(w.metadata()));
        f.put("claimed_by", w.claimedBy());
        f.put("claim_expires_at", Fields.instant(w.claimExpiresAt()));
        f.put("deleted_at", Fields.instant(w.deletedAt()));
        f.put("archived_at", Fields.instant(w.archivedAt()));
        f.put("created_at", Fields.instant(w.createdAt()));
        f.put("updated_at", Fields.instant(w.updatedAt()));
        f.put("created_by", w.createdBy());
        f.put("updated_by", w.updatedBy());
        StringBuilder body = new StringBuilder();
        heading(body, w.title());
        body.append('\n').append("*").append(w.itemType().wire()).append(" · ").append(w.status().wire());
        if (w.isDeleted()) {
            body.append(" · deleted");
        }
        if (w.isArchived()) {
            body.append(" · archived");
        }
        body.append("*\n");
        description(body, w.description());
        metadata(body, w.metadata());
        return FrontMatter.render(f, body.toString());
    }

    public static WorkItem parseWorkItem(String path, String text) throws InvalidFileException {
        Fields f = new Fields(FrontMatter.parse(path, text));
        return WorkItem.builder()
                .id(f.requiredUuid("id"))
                .version(f.requiredLong("version"))
                .itemType(f.enumValue("item_type", ItemType::parse))
                .title(f.requiredString("title"))
                .description(f.string("description"))
                .status(f.enumValue("status", WorkItemStatus::parse))
                .parentId(f.uuid("parent_id"))
                .path(f.requiredString("path"))
                .depth(f.requiredInt("depth"))
                .branchName(f.string("branch_name"))
                .commitHash(f.string("commit_hash"))
                .prNumber(f.intOrNull("pr_number"))
                .metadata(f.map("metadata"))
                .claimedBy(f.string("claimed_by"))
                .claimExpiresAt(f.instantOrNull("claim_expires_at"))
                .deletedAt(f.instantOrNull("deleted_at"))
                .archivedAt(f.instantOrNull("archived_at"))
                .createdAt(f.requiredInstant("created_at"))
                .updatedAt(f.requiredInstant("updated_at"))
                .createdBy(f.string("created_by"))
                .updatedBy(f.string("updated_by"))
                .build();
    }

    // ---------------------------------------------------------------- vendors

    public static String vendor(Vendor v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", v.id().toString());
        f.put("version", v.version());
        f.put("name", v.name());
        f.put("status", v.status().wire());
        f.put("extractor_version", v.extractorVersion());
        f.put("metadata", vendorMetadata(v.metadata()));
        f.put("created_at", Fields.instant(v.createdAt()));
        f.put("updated_at", Fields.instant(v.updatedAt()));
        f.put("created_by", v.createdBy());
        f.put("updated_by", v.updatedBy());
        StringBuilder body = new StringBuilder();
        heading(body, v.name());
        body.append("\n*vendor · ").append(v.status().wire()).append("*\n");
        metadata(body, vendorMetadata(v.metadata()));
        return FrontMatter.render(f, body.toString());
    }

    private static Map<String, Object> vendorMetadata(VendorMetadata m) {
        if (m == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> fs = new LinkedHashMap<>();
        FormatSupport s = m.formatSupport() == null ? FormatSupport.NONE : m.formatSupport();
        fs.put("csv", s.csv());
        fs.put("excel", s.excel());
        fs.put("ocr", s.ocr());
        fs.put("pdf", s.pdf());
        TestResults t = m.testResults() == null ? TestResults.NONE : m.testResults();
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("passing", t.passing());
        tr.put("skipped", t.skipped());
        tr.put("total", t.total());
        out.put("extractor_version", m.extractorVersion());
        out.put("format_support", fs);
        out.put("manifest_compliant", m.manifestCompliant());
        out.put("test_results", tr);
        return out;
    }

    public static Vendor parseVendor(String path, String text) throws InvalidFileException {
        Fields f = new Fields(FrontMatter.parse(path, text));
        Map<String, Object> m = f.map("metadata");
        Object fsRaw = f.nested(m, "metadata", "format_support");
        Object trRaw = f.nested(m, "metadata", "test_results");
        if (!(fsRaw instanceof Map<?, ?> fs)) {
            throw f.badNested("metadata", "format_support", "must be a mapping");
        }
        if (!(trRaw instanceof Map<?, ?> tr)) {
            throw f.badNested("metadata", "test_results", "must be a mapping");
        }
        Object ev = f.nested(m, "metadata", "extractor_version");
        Object mc = f.nested(m, "metadata", "manifest_compliant");
        if (ev != null && !(ev instanceof String)) {
            throw f.badNested("metadata", "extractor_version", "must be text");
        }
        if (!(mc instanceof Boolean)) {
            throw f.badNested("metadata", "manifest_compliant", "must be true or false");
        }
        VendorMetadata meta = new VendorMetadata(
                new FormatSupport(bool(f, fs, "format_support.excel"), bool(f, fs, "format_support.csv"),
                        bool(f, fs, "format_support.pdf"), bool(f, fs, "format_support.ocr")),
                new TestResults(num(f, tr, "test_results.passing"), num(f, tr, "test_results.total"),
                        num(f, tr, "test_results.skipped")),
                (String) ev, (Boolean) mc);
        return new Vendor(f.requiredUuid("id"), f.requiredLong("version"), f.requiredString("name"),
                f.enumValue("status", VendorStatus::parse), f.string("extractor_version"), meta,
                f.requiredInstant("created_at"), f.requiredInstant("updated_at"), f.string("created_by"),
                f.string("updated_by"));
    }

    private static boolean bool(Fields f, Map<?, ?> m, String dotted) throws InvalidFileException {
        String sub = dotted.substring(dotted.indexOf('.') + 1);
        Object v = m.get(sub);
        if (!(v instanceof Boolean b)) {
            throw f.badNested("metadata", dotted, "must be true or false");
        }
        return b;
    }

    private static long num(Fields f, Map<?, ?> m, String dotted) throws InvalidFileException {
        String sub = dotted.substring(dotted.indexOf('.') + 1);
        Object v = m.get(sub);
        if (!(v instanceof Long l)) {
            throw f.badNested("metadata", dotted, "must be a whole number");
        }
        return l;
    }

    // ---------------------------------------------------------------- deployments

    public static String deployment(Deployment d) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", d.id().toString());
        f.put("deployed_at", Fields.instant(d.deployedAt()));
        f.put("commit_hash", d.commitHash());
        DeploymentMetadata m = d.metadata();
        Map<String, Object> meta = null;
        if (m != null) {
            meta = new LinkedHashMap<>();
            meta.put("commit_hash", m.commitHash());
            meta.put("constitutional_compliance", m.constitutionalCompliance());
            meta.put("pr_number", (long) m.prNumber());
            meta.put("pr_title", m.prTitle());
            meta.put("test_summary", new TreeMap<>(m.testSummary()));
        }
        f.put("metadata", meta);
        f.put("vendor_ids", d.vendorIds().stream().map(UUID::toString).toList());
        f.put("work_item_ids", d.workItemIds().stream().map(UUID::toString).toList());
        f.put("created_at", Fields.instant(d.createdAt()));
        f.put("created_by", d.createdBy());
        StringBuilder body = new StringBuilder();
        heading(body, m == null ? "Deployment " + d.id() : "PR #" + m.prNumber() + ": " + m.prTitle());
        body.append("\n*deployment · ").append(Fields.instant(d.deployedAt())).append(" · ")
                .append(d.commitHash() == null ? "" : d.commitHash().substring(0, Math.min(7, d.commitHash().length())))
                .append("*\n");
        metadata(body, meta);
        return FrontMatter.render(f, body.toString());
    }

    public static Deployment parseDeployment(String path, String text) throws InvalidFileException {
        Fields f = new Fields(FrontMatter.parse(path, text));
        Map<String, Object> m = f.map("metadata");
        Object pr = f.nested(m, "metadata", "pr_number");
        Object title = f.nested(m, "metadata", "pr_title");
        Object hash = f.nested(m, "metadata", "commit_hash");
        Object summary = f.nested(m, "metadata", "test_summary");
        Object compliance = f.nested(m, "metadata", "constitutional_compliance");
        if (!(pr instanceof Long prn) || prn > Integer.MAX_VALUE || prn < Integer.MIN_VALUE) {
            throw f.badNested("metadata", "pr_number", "must be a whole number");
        }
        if (title != null && !(title instanceof String)) {
            throw f.badNested("metadata", "pr_title", "must be text");
        }
        if (hash != null && !(hash instanceof String)) {
            throw f.badNested("metadata", "commit_hash", "must be text");
        }
        if (!(compliance instanceof Boolean)) {
            throw f.badNested("metadata", "constitutional_compliance", "must be true or false");
        }
        Map<String, Long> ts = new TreeMap<>();
        if (summary != null) {
            if (!(summary instanceof Map<?, ?> sm)) {
                throw f.badNested("metadata", "test_summary", "must be a mapping");
            }
            for (Map.Entry<?, ?> e : sm.entrySet()) {
                if (!(e.getValue() instanceof Long l)) {
                    throw f.badNested("metadata", "test_summary." + e.getKey(), "must be a whole number");
                }
                ts.put(String.valueOf(e.getKey()), l);
            }
        }
        DeploymentMetadata meta = new DeploymentMetadata(prn.intValue(), (String) title, (String) hash, ts,
                (Boolean) compliance);
        return new Deployment(f.requiredUuid("id"), f.requiredInstant("deployed_at"), f.string("commit_hash"), meta,
                f.uuidList("vendor_ids"), f.uuidList("work_item_ids"), f.requiredInstant("created_at"),
                f.string("created_by"));
    }

    // ---------------------------------------------------------------- enhancements

    public static String enhancement(Enhancement e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", e.id().toString());
        f.put("version", e.version());
        f.put("title", e.title());
        f.put("description", e.description());
        f.put("priority", (long) e.priority());
        f.put("status", e.status().wire());
        f.put("target_quarter", e.targetQuarter());
        f.put("constitutional_principles", new ArrayList<>(e.constitutionalPrinciples()));
        f.put("created_at", Fields.instant(e.createdAt()));
        f.put("updated_at", Fields.instant(e.updatedAt()));
        f.put("created_by", e.createdBy());
        f.put("updated_by", e.updatedBy());
        StringBuilder body = new StringBuilder();
        heading(body, e.title());
        body.append("\n*enhancement · priority ").append(e.priority()).append(" · ").append(e.status().wire());
        if (e.targetQuarter() != null) {
            body.append(" · ").append(e.targetQuarter());
        }
        body.append("*\n");
        description(body, e.description());
        if (!e.constitutionalPrinciples().isEmpty()) {
            body.append("\n## Constitutional principles\n\n");
            for (String p : e.constitutionalPrinciples()) {
                body.append("- ").append(oneLine(p)).append('\n');
            }
        }
        return FrontMatter.render(f, body.toString());
    }

    public static Enhancement parseEnhancement(String path, String text) throws InvalidFileException {
        Fields f = new Fields(FrontMatter.parse(path, text));
        return new Enhancement(f.requiredUuid("id"), f.requiredLong("version"), f.requiredString("title"),
                f.string("description"), f.requiredInt("priority"), f.enumValue("status", EnhancementStatus::parse),
                f.string("target_quarter"), f.stringList("constitutional_principles"), f.requiredInstant("created_at"),
                f.requiredInstant("updated_at"), f.string("created_by"), f.string("updated_by"));
    }

    // ---------------------------------------------------------------- configuration

    public static String configuration(ProjectConfiguration c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", (long) c.id());
        f.put("active_context_type", c.activeContextType().wire());
        f.put("current_session_id", str(c.currentSessionId()));
        f.put("git_branch", c.gitBranch());
        f.put("git_head_commit", c.gitHeadCommit());
        f.put("default_token_budget", (long) c.defaultTokenBudget());
        f.put("database_healthy", c.databaseHealthy());
        f.put("last_health_check_at", Fields.instant(c.lastHealthCheckAt()));
        f.put("version", c.version());
        f.put("updated_at", Fields.instant(c.updatedAt()));
        f.put("updated_by", c.updatedBy());
        StringBuilder body = new StringBuilder();
        heading(body, "Project configuration");
        body.append('\n');
        body.append("- **Active context:** ").append(c.activeContextType().wire()).append('\n');
        body.append("- **Current session:** ").append(c.currentSessionId() == null ? "none" : c.currentSessionId())
                .append('\n');
        body.append("- **Git branch:** ").append(c.gitBranch() == null ? "none" : oneLine(c.gitBranch())).append('\n');
        body.append("- **Default token budget:** ").append(c.defaultTokenBudget()).append('\n');
        return FrontMatter.render(f, body.toString());
    }

    public static ProjectConfiguration parseConfiguration(String path, String text) throws InvalidFileException {
        Fields f = new Fields(FrontMatter.parse(path, text));
        return new ProjectConfiguration(f.requiredInt("id"), f.enumValue("active_context_type", ContextType::parse),
                f.uuid("current_session_id"), f.string("git_branch"), f.string("git_head_commit"),
                f.requiredInt("default_token_budget"), f.requiredBoolean("database_healthy"),
                f.instantOrNull("last_health_check_at"), f.requiredLong("version"), f.requiredInstant("updated_at"),
                f.string("updated_by"));
    }

    // ---------------------------------------------------------------- dependencies

    public static String dependency(Dependency d) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("source_id", d.sourceId().toString());
        f.put("target_id", d.targetId().toString());
        f.put("dependency_type", d.dependencyType().wire());
        f.put("created_at", Fields.instant(d.createdAt()));
        f.put("created_by", d.createdBy());
        String body = "\n" + d.sourceId() + " **" + d.dependencyType().wire() + "** " + d.targetId() + "\n";
        return FrontMatter.render(f, body);
    }

    public static Dependency parseDependency(String path, String text) throws InvalidFileException {
        Fields f = new Fields(FrontMatter.parse(path, text));
        return new Dependency(f.requiredUuid("source_id"), f.requiredUuid("target_id"),
                f.enumValue("dependency_type", DependencyType::parse), f.requiredInstant("created_at"),
                f.string("created_by"));
    }

    // ---------------------------------------------------------------- body helpers

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    /** A sorted deep copy, so the same metadata always prints the same bytes whatever its insertion order. */
    @SuppressWarnings("unchecked")
    static Object sortedValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return sorted((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(sortedValue(x)));
            return out;
        }
        return v;
    }

    static Map<String, Object> sorted(Map<String, Object> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, sortedValue(v)));
        return out;
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static void heading(StringBuilder b, String title) {
        b.append("\n# ").append(title == null ? "" : oneLine(title).strip()).append('\n');
    }

    private static void description(StringBuilder b, String description) {
        if (description != null && !description.isEmpty()) {
            b.append('\n').append(description);
            if (!description.endsWith("\n")) {
                b.append('\n');
            }
        }
    }

    private static void metadata(StringBuilder b, Map<String, Object> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return;
        }
        b.append("\n## Metadata\n\n");
        renderMap(b, sorted(metadata), "");
    }

    private static void renderMap(StringBuilder b, Map<String, Object> m, String indent) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            renderEntry(b, indent, "**" + oneLine(e.getKey()) + ":**", e.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static void renderEntry(StringBuilder b, String indent, String label, Object v) {
        if (v instanceof Map<?, ?> nested) {
            b.append(indent).append("- ").append(label).append('\n');
            renderMap(b, (Map<String, Object>) nested, indent + "  ");
        } else if (v instanceof List<?> list) {
            b.append(indent).append("- ").append(label).append(list.isEmpty() ? " (none)" : "").append('\n');
            for (Object x : list) {
                if (x instanceof Map<?, ?> || x instanceof List<?>) {
                    renderEntry(b, indent + "  ", "", x);
                } else {
                    b.append(indent).append("  - ").append(scalar(x)).append('\n');
                }
            }
        } else {
            b.append(indent).append("- ").append(label).append(' ').append(scalar(v)).append('\n');
        }
    }

    private static String scalar(Object v) {
        return v == null ? "*(none)*" : oneLine(String.valueOf(v));
    }
}
