package dev.workstate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.internal.Json;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.ItemType;
import dev.workstate.model.TestResults;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportRenderersTest {
    private static final Instant AT = Instant.parse("2025-02-01T12:00:00Z");
    private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

    private final MarkdownReportRenderer markdown = new MarkdownReportRenderer();
    private final JsonReportRenderer json = new JsonReportRenderer();

    private static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-7000-8000-%012d", n));
    }

    private static Vendor vendor(int n, String name, VendorStatus status, FormatSupport f, long passing, long total) {
        return new Vendor(id(n), 1, name, status, "1.2.3", new VendorMetadata(f, new TestResults(passing, total, 0),
                "1.2.3", true), T0, T0, "t", "t");
    }

    private static WorkItem item(int n, ItemType type, String title, WorkItem parent, int minutes, String branch) {
        return WorkItem.builder().id(id(n)).itemType(type).title(title)
                .parentId(parent == null ? null : parent.id())
                .path((parent == null ? "" : parent.path()) + "/" + id(n))
                .depth(parent == null ? 0 : parent.depth() + 1).branchName(branch)
                .createdAt(T0.plusSeconds(60L * minutes)).updatedAt(T0).createdBy("t").updatedBy("t").build();
    }

    private static Deployment deployment(int n, int pr, int day, boolean ok, List<UUID> vendors) {
        String hash = String.format("%040x", n);
        return new Deployment(id(n), T0.plusSeconds(86_400L * day), hash,
                new DeploymentMetadata(pr, "PR " + pr, hash, Map.of("unit", 150L, "integration", 30L), ok),
                vendors, List.of(), T0, "t");
    }

    private static Enhancement enhancement(int n, String title, int priority, String quarter, EnhancementStatus s) {
        return new Enhancement(id(n), 1, title, "d", priority, s, quarter, List.of(), T0, T0, "t", "t");
    }

    private record Data(List<Vendor> vendors, List<WorkItem> items, List<Deployment> deployments,
                        List<Enhancement> enhancements) {
    }

    private static Data sample() {
        Vendor beta = vendor(1, "beta", VendorStatus.BROKEN, FormatSupport.NONE, 0, 0);
        Vendor alpha = vendor(2, "Alpha", VendorStatus.OPERATIONAL, new FormatSupport(true, true, false, false), 10, 12);
        Vendor gamma = vendor(3, "gamma", VendorStatus.OPERATIONAL, new FormatSupport(false, false, true, true), 5, 5);
        WorkItem project = item(10, ItemType.PROJECT, "Feature 001", null, 0, "feature/001");
        WorkItem session = item(11, ItemType.SESSION, "Session A", project, 1, null);
        WorkItem task = item(12, ItemType.TASK, "Parse\nAST", session, 2, null);
        WorkItem session2 = item(13, ItemType.SESSION, "Session B", project, 3, null);
        WorkItem lone = item(14, ItemType.RESEARCH, "Spike", null, 4, null).toBuilder()
                .status(WorkItemStatus.COMPLETED).build();
        Deployment d1 = deployment(20, 41, 1, true, List.of(gamma.id(), alpha.id()));
        Deployment d2 = deployment(21, 42, 2, false, List.of());
        Enhancement e1 = enhancement(30, "Caching", 2, null, EnhancementStatus.PLANNED);
        Enhancement e2 = enhancement(31, "Sharding", 2, "2026-Q1", EnhancementStatus.APPROVED);
        Enhancement e3 = enhancement(32, "Search", 1, "2026-Q3", EnhancementStatus.IMPLEMENTING);
        Enhancement done = enhancement(33, "Done already", 1, "2025-Q1", EnhancementStatus.COMPLETED);
        return new Data(List.of(beta, alpha, gamma), List.of(task, session2, lone, project, session), List.of(d1, d2),
                List.of(e1, e2, done, e3));
    }

    private static StatusReport build(Data d) {
        return StatusReportBuilder.build(AT, d.vendors(), d.items(), Map.of(), 3, d.deployments(), d.enhancements());
    }

    @Test
    void rendersTheSampleExactly() {
        String expected = """
                # Project Status - 2025-02-01T12:00:00Z

                ## Operational Vendors (2/3)

                - **Alpha**: operational
                  (10/12 tests)
                  [excel, csv]
                - **beta**: broken
                  (0/0 tests)
                  [none]
                - **gamma**: operational
                  (5/5 tests)
                  [pdf, ocr]

                ## Active Work Items (5)

                ### Feature 001 (project)
                - **Status**: active
                - **Created**: 2025-01-15 10:00:00 UTC
                - **Branch**: feature/001

                  ### Session A (session)
                  - **Status**: active
                  - **Created**: 2025-01-15 10:01:00 UTC
                  - **Parent**: Feature 001

                    ### Parse AST (task)
                    - **Status**: active
                    - **Created**: 2025-01-15 10:02:00 UTC
                    - **Parent**: Session A

                  ### Session B (session)
                  - **Status**: active
                  - **Created**: 2025-01-15 10:03:00 UTC
                  - **Parent**: Feature 001

                ### Spike (research)
                - **Status**: completed
                - **Created**: 2025-01-15 10:04:00 UTC

                ## Recent Deployments (Last 2)

                ### 2025-01-17 10:00:00 UTC - PR #42
                - **Title**: PR 42
                - **Commit**: `0000000`
                - **Tests**: integration: 30, unit: 150
                - **Constitutional Compliance**: ✗

                ### 2025-01-16 10:00:00 UTC - PR #41
                - **Title**: PR 41
                - **Commit**: `0000000`
                - **Tests**: integration: 30, unit: 150
                - **Constitutional Compliance**: ✓
                - **Vendors**: Alpha, gamma

                ## Future Enhancements (3)

                ### Search
                - **Priority**: 1
                - **Target Quarter**: 2026-Q3
                - **Status**: implementing

                ### Sharding
                - **Priority**: 2
                - **Target Quarter**: 2026-Q1
                - **Status**: approved

                ### Caching
                - **Priority**: 2
                - **Status**: planned

                ---
                *Generated at 2025-02-01T12:00:00Z*
                """;
        assertThat(markdown.render(build(sample()))).isEqualTo(expected);
    }

    @Test
    void emptyStoreRendersZeroCounts() {
        String expected = """
                # Project Status - 2025-02-01T12:00:00Z

                ## Operational Vendors (0/0)

                ## Active Work Items (0)

                ## Recent Deployments (Last 0)

                ## Future Enhancements (0)

                ---
                *Generated at 2025-02-01T12:00:00Z*
                """;
        StatusReport empty = StatusReportBuilder.build(AT, List.of(), List.of(), Map.of(), 0, List.of(), List.of());
        assertThat(markdown.render(empty)).isEqualTo(expected);
        JsonNode node = Json.mapper().readTree(json.render(empty));
        assertThat(node.get("vendor_health").get("operational_percentage").asDouble()).isZero();
        assertThat(node.get("active_work_items").get("total_count").asInt()).isZero();
        assertThat(node.get("recent_deployments")).isEmpty();
    }

    @Test
    void inputOrderDoesNotMatter() {
        Data d = sample();
        String reference = markdown.render(build(d));
        String referenceJson = json.render(build(d));
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            List<Vendor> v = new ArrayList<>(d.vendors());
            List<WorkItem> w = new ArrayList<>(d.items());
            List<Deployment> dep = new ArrayList<>(d.deployments());
            List<Enhancement> e = new ArrayList<>(d.enhancements());
            Collections.shuffle(v, random);
            Collections.shuffle(w, random);
            Collections.shuffle(dep, random);
            Collections.shuffle(e, random);
            StatusReport r = build(new Data(v, w, dep, e));
            assertThat(markdown.render(r)).isEqualTo(reference);
            assertThat(json.render(r)).isEqualTo(referenceJson);
        }
    }

    @Test
    void jsonCarriesCountsAndTheSameContent() {
        JsonNode node = Json.mapper().readTree(json.render(build(sample())));
        assertThat(node.propertyNames()).containsExactly("generated_at", "vendor_health", "vendors",
                "active_work_items", "recent_deployments", "pending_enhancements");
        assertThat(node.get("generated_at").asString()).isEqualTo("2025-02-01T12:00:00Z");
        JsonNode health = node.get("vendor_health");
        assertThat(health.get("total_vendors").asInt()).isEqualTo(3);
        assertThat(health.get("operational_count").asInt()).isEqualTo(2);
        assertThat(health.get("broken_count").asInt()).isEqualTo(1);
        assertThat(health.get("operational_percentage").asDouble()).isEqualTo(66.67);
        JsonNode items = node.get("active_work_items");
        assertThat(items.get("total_count").asInt()).isEqualTo(5);
        assertThat(items.get("archived_count").asInt()).isEqualTo(3);
        assertThat(items.get("by_type").toString()).isEqualTo("{\"project\":1,\"session\":2,\"task\":1,\"research\":1}");
        assertThat(items.get("by_status").toString()).isEqualTo("{\"active\":4,\"completed\":1,\"blocked\":0}");
        assertThat(items.get("items").get(2).get("title").asString()).isEqualTo("Parse\nAST");
        assertThat(items.get("items").get(2).get("depth").asInt()).isEqualTo(2);
        assertThat(items.get("items").get(2).get("parent_title").asString()).isEqualTo("Session A");
        JsonNode dep = node.get("recent_deployments").get(1);
        assertThat(dep.get("pr_number").asInt()).isEqualTo(41);
        assertThat(dep.get("vendors").toString()).isEqualTo("[\"Alpha\",\"gamma\"]");
        assertThat(dep.get("test_summary").toString()).isEqualTo("{\"integration\":30,\"unit\":150}");
        assertThat(dep.get("deployed_at").asString()).isEqualTo("2025-01-16T10:00:00Z");
        assertThat(node.get("pending_enhancements")).hasSize(3);
        assertThat(node.get("pending_enhancements").get(0).get("status").asString()).isEqualTo("implementing");
        assertThat(node.get("vendors").get(0).get("formats").toString()).isEqualTo("[\"excel\",\"csv\"]");
    }

    @Test
    void humanTimestampsMatchTheFormatter() {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(-62_000_000_000_000L, 253_402_300_799_000L));
            assertThat(MarkdownReportRenderer.human(t)).as("%s", t).isEqualTo(f.format(t));
        }
        assertThat(MarkdownReportRenderer.human(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01 00:00:00 UTC");
        assertThat(MarkdownReportRenderer.human(Instant.parse("9999-12-31T23:59:59.999Z")))
                .isEqualTo("9999-12-31 23:59:59 UTC");
    }

    @Test
    void jsonTextAndJsonMapAgreeByteForByte() {
        StatusReport r = build(sample());
        assertThat(json.render(r)).isEqualTo(Json.writePretty(json.toMap(r)) + "\n");
    }

    @Test
    void orphansShowTheirParentTitleOrUnknown() {
        WorkItem gone = item(50, ItemType.PROJECT, "Deleted project", null, 0, null);
        WorkItem orphan = item(51, ItemType.TASK, "Orphan", gone, 1, null);
        WorkItem lost = item(52, ItemType.TASK, "Lost", item(53, ItemType.PROJECT, "x", null, 0, null), 2, null);
        StatusReport r = StatusReportBuilder.build(AT, List.of(), List.of(lost, orphan), Map.of(gone.id(), gone.title()),
                0, List.of(), List.of());
        assertThat(r.activeWorkItems().items()).extracting(StatusReport.WorkItemEntry::parentTitle)
                .containsExactly("Deleted project", StatusReportBuilder.UNKNOWN_PARENT);
        assertThat(markdown.render(r)).contains("  ### Orphan (task)\n  - **Status**: active\n")
                .contains("  - **Parent**: Unknown\n");
    }

    @Test
    void rendersTwelveThousandItemsQuickly() {
        List<WorkItem> items = new ArrayList<>();
        List<WorkItem> parents = new ArrayList<>();
        for (int p = 0; p < 400; p++) {
            WorkItem project = item(100_000 + p, ItemType.PROJECT, "Project " + p, null, p, "feature/" + p);
            items.add(project);
            parents.add(project);
        }
        int n = 200_000;
        while (items.size() < 12_000) {
            WorkItem parent = parents.get(items.size() % parents.size());
            WorkItem child = item(n++, parent.depth() < 3 ? ItemType.SESSION : ItemType.TASK, "Item " + n, parent,
                    items.size(), null);
            items.add(child);
            if (child.depth() < 4) {
                parents.add(child);
            }
        }
        // Speed (12 000 items well inside the 150 ms report target) is the JMH benchmark's job; this proves the
        // builder and renderer handle a store of that size completely.
        StatusReport r = StatusReportBuilder.build(AT, List.of(), items, Map.of(), 0, List.of(), List.of());
        String text = markdown.render(r);
        assertThat(r.activeWorkItems().items()).hasSize(12_000);
        assertThat(text).contains("## Active Work Items (12000)");
    }
}
