package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.COMMIT;
import static dev.workstate.mcp.Fixtures.args;
import static dev.workstate.mcp.Fixtures.deploymentMeta;
import static dev.workstate.mcp.Fixtures.id;
import static dev.workstate.mcp.Fixtures.items;
import static dev.workstate.mcp.Fixtures.list;
import static dev.workstate.mcp.Fixtures.projectMeta;
import static dev.workstate.mcp.Fixtures.sessionMeta;
import static dev.workstate.mcp.Fixtures.vendorMeta;
import static dev.workstate.mcp.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference's acceptance scenarios 1, 2, 4, 7 and 9 (upstream-feature-003 §7) and its remote smoke suite, through a
 * real server process and the MCP Java SDK client. Scenario 3 (several clients) is {@link MultiClientTest}; scenario 8
 * (status report) is {@link StatusReportScenarioTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceScenariosTest {
    @TempDir
    static Path dir;
    McpServerProcess server;

    @BeforeAll
    void start() {
        server = McpServerProcess.fromClasspath(dir.resolve("data"), "claude-code");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void scenario1VendorHealthQuery() {
        for (int i = 0; i < 45; i++) {
            Map<String, Object> v = server.call("create_vendor",
                    args("name", "vendor_" + i, "initial_metadata", vendorMeta(), "created_by", "seed"));
            assertThat(v.get("status")).isEqualTo("broken");
            if (i % 5 != 0) {
                server.call("update_vendor_status", args("name", "vendor_" + i, "version", version(v),
                        "status", "operational", "updated_by", "seed"));
            }
        }
        List<Long> nanos = new ArrayList<>();
        Map<String, Object> vendor = null;
        for (int i = 0; i < 100; i++) {
            long t = System.nanoTime();
            vendor = server.call("query_vendor_status", args("name", "vendor_7"));
            nanos.add(System.nanoTime() - t);
        }
        System.err.printf("[measure] query_vendor_status round trip p95 %.2f ms (100 calls, Java SDK client)%n",
                Fixtures.p95(nanos) / 1e6);
        assertThat(vendor).containsKeys("id", "version", "name", "status", "extractor_version", "metadata");
        assertThat(version(vendor)).isGreaterThanOrEqualTo(1);
        assertThat(vendor.get("status")).isIn("operational", "broken");
        assertThat((String) vendor.get("extractor_version")).isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) vendor.get("metadata");
        assertThat(meta).containsKeys("format_support", "test_results", "extractor_version", "manifest_compliant");
        @SuppressWarnings("unchecked")
        Map<String, Object> tests = (Map<String, Object>) meta.get("test_results");
        assertThat(((Number) tests.get("passing")).intValue()).isEqualTo(10);
        // Looked up case-insensitively (a bug of the reference).
        assertThat(id(server.call("query_vendor_status", args("name", "VENDOR_7")))).isEqualTo(id(vendor));
        Map<String, Object> operational = server.call("list_vendors", args("status", "operational", "limit", 100));
        assertThat(((Number) operational.get("total_count")).intValue()).isEqualTo(36);
        assertThat(items(operational)).allMatch(v -> v.get("status").equals("operational"));
        Map<String, Object> error = server.fail("query_vendor_status", args("name", "no_such_vendor"));
        assertThat(error.get("code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void scenario2OptimisticLocking() {
        Map<String, Object> item = server.call("create_work_item", args("item_type", "task", "title", "Locked task",
                "metadata", args(), "created_by", "claude-code"));
        long v = version(item);
        // Clients A and B both read version v; A wins.
        Map<String, Object> a = server.call("update_work_item", args("id", id(item), "version", v,
                "metadata", args("estimated_hours", 3.0), "updated_by", "client-a"));
        assertThat(version(a)).isEqualTo(v + 1);
        Map<String, Object> error = server.fail("update_work_item", args("id", id(item), "version", v,
                "metadata", args("estimated_hours", 5.0), "updated_by", "client-b"));
        assertThat(error.get("code")).isEqualTo("VERSION_CONFLICT");
        assertThat((String) error.get("message")).containsIgnoringCase("version");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) error.get("details");
        assertThat(details.get("entity_type")).isNotNull();
        assertThat(details.get("entity_id")).isEqualTo(id(item));
        assertThat(((Number) details.get("expected_version")).longValue()).isEqualTo(v);
        assertThat(((Number) details.get("current_version")).longValue()).isEqualTo(v + 1);
        assertThat(details.get("last_updated_by")).isEqualTo("client-a");
        @SuppressWarnings("unchecked")
        Map<String, Object> current = (Map<String, Object>) details.get("current");
        assertThat(version(current)).isEqualTo(v + 1);

        Map<String, Object> stored = server.call("query_work_item", args("id", id(item)));
        assertThat(version(stored)).isEqualTo(v + 1);
        assertThat(stored.get("metadata")).isEqualTo(Map.of("estimated_hours", 3.0));
        assertThat(stored.get("created_by")).isEqualTo("claude-code");
        // Sequential updates v+1 -> v+2 -> v+3 -> v+4 all succeed; created_by never changes, updated_at advances.
        Map<String, Object> last = stored;
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> next = server.call("update_work_item",
                    args("id", id(item), "version", version(last), "title", "Locked task " + i));
            assertThat(version(next)).isEqualTo(version(last) + 1);
            assertThat(next.get("created_by")).isEqualTo("claude-code");
            assertThat((String) next.get("updated_at")).isGreaterThanOrEqualTo((String) last.get("updated_at"));
            last = next;
        }
        assertThat(server.fail("update_work_item", args("id", "01890000-0000-7000-8000-000000000000",
                "version", 1, "title", "x")).get("code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void scenario4DeploymentRecording() {
        List<String> vendorIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vendorIds.add(id(server.call("create_vendor", args("name", "deploy-vendor-" + i))));
        }
        List<String> itemIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            itemIds.add(id(server.call("create_work_item",
                    args("item_type", "task", "title", "Deployed " + i, "metadata", args()))));
        }
        Map<String, Object> d = server.call("record_deployment", args("deployed_at", "2025-10-10T12:00:00Z",
                "metadata", deploymentMeta(123, "Add deployments"), "vendor_ids", vendorIds,
                "work_item_ids", itemIds, "created_by", "claude-desktop"));
        assertThat(d.get("vendor_ids")).isEqualTo(vendorIds);
        assertThat(d.get("work_item_ids")).isEqualTo(itemIds);
        assertThat(d.get("created_by")).isEqualTo("claude-desktop");
        assertThat((String) d.get("created_at")).endsWith("Z");
        assertThat(d.get("commit_hash")).isEqualTo(COMMIT);
        Map<String, Object> byVendor = server.call("list_deployments", args("vendor_id", vendorIds.get(1)));
        assertThat(items(byVendor)).extracting(x -> x.get("id")).containsExactly(id(d));
        Map<String, Object> byItem = server.call("list_deployments", args("work_item_id", itemIds.get(0)));
        assertThat(items(byItem)).extracting(x -> x.get("id")).containsExactly(id(d));

        Map<String, Object> bare = server.call("record_deployment", args("deployed_at", "2025-10-11T12:00:00Z",
                "metadata", deploymentMeta(124, "No links")));
        assertThat((List<?>) bare.get("vendor_ids")).isEmpty();
        assertThat((List<?>) bare.get("work_item_ids")).isEmpty();

        long before = total(server.call("list_deployments", args("limit", 100)));
        List<Map<String, Object>> invalid = List.of(
                args("deployed_at", "2025-10-12T00:00:00Z", "metadata", withMeta("commit_hash", "ABC")),
                args("deployed_at", "2025-10-12T00:00:00Z", "metadata",
                        withMeta("test_summary", args("unit", -1))),
                args("deployed_at", "2025-10-12T00:00:00Z", "metadata", withMeta("pr_number", 0)),
                args("deployed_at", "2025-10-12T00:00:00Z", "metadata", withMeta("pr_title", "")),
                args("deployed_at", "2025-10-12T00:00:00Z", "metadata", withMeta("pr_title", "t".repeat(201))),
                args("deployed_at", "2025-10-12T00:00:00Z", "metadata", deploymentMeta(1, "dup"),
                        "vendor_ids", List.of(vendorIds.get(0), vendorIds.get(0))),
                args("deployed_at", "2025-10-12T00:00:00Z", "metadata", deploymentMeta(1, "dup"),
                        "work_item_ids", List.of(itemIds.get(0), itemIds.get(0))));
        for (Map<String, Object> bad : invalid) {
            assertThat(server.fail("record_deployment", bad).get("code")).as("%s", bad).isEqualTo("VALIDATION_ERROR");
        }
        Map<String, Object> unknown = server.fail("record_deployment", args("deployed_at", "2025-10-12T00:00:00Z",
                "metadata", deploymentMeta(1, "unknown vendor"), "vendor_ids",
                List.of(vendorIds.get(0), "01890000-0000-7000-8000-0000000000ff")));
        assertThat(unknown.get("code")).isEqualTo("NOT_FOUND");
        assertThat((String) unknown.get("message")).contains("01890000-0000-7000-8000-0000000000ff");
        assertThat(total(server.call("list_deployments", args("limit", 100)))).isEqualTo(before);
    }

    private static Map<String, Object> withMeta(String key, Object value) {
        Map<String, Object> m = deploymentMeta(7, "Bad");
        m.put(key, value);
        return m;
    }

    private static long total(Map<String, Object> page) {
        return ((Number) page.get("total_count")).longValue();
    }

    @Test
    void scenario7Hierarchy() {
        String p = id(server.call("create_work_item", args("item_type", "project",
                "title", "Feature 001: Semantic Code Search", "metadata", projectMeta())));
        String s = id(server.call("create_work_item", args("item_type", "session",
                "title", "Implementation Session 2025-01-15", "metadata", sessionMeta(), "parent_id", p)));
        String t = id(server.call("create_work_item", args("item_type", "task",
                "title", "Implement tree-sitter AST parsing", "metadata", args(), "parent_id", s)));
        String st = id(server.call("create_work_item", args("item_type", "task",
                "title", "Write unit tests for parser", "metadata", args(), "parent_id", t)));
        String leaf = id(server.call("create_work_item", args("item_type", "task",
                "title", "Test edge cases for nested functions", "metadata", args(), "parent_id", st)));

        Map<String, Object> leafView = server.call("query_work_item", args("id", leaf));
        assertThat(list(leafView, "ancestors")).extracting(a -> ((Number) a.get("depth")).intValue())
                .containsExactly(0, 1, 2, 3);
        assertThat(list(leafView, "ancestors")).extracting(a -> a.get("id")).containsExactly(p, s, t, st);
        assertThat(list(leafView, "descendants")).isEmpty();
        assertThat(leafView.get("path")).isEqualTo("/" + p + "/" + s + "/" + t + "/" + st + "/" + leaf);

        Map<String, Object> rootView = server.call("query_work_item", args("id", p));
        assertThat(list(rootView, "ancestors")).isEmpty();
        assertThat(list(rootView, "descendants")).extracting(a -> ((Number) a.get("depth")).intValue())
                .containsExactly(1, 2, 3, 4);
        Map<String, Object> middle = server.call("query_work_item", args("id", t));
        assertThat(list(middle, "ancestors")).hasSize(2);
        assertThat(list(middle, "descendants")).hasSize(2);
        Map<String, Object> plain = server.call("query_work_item", args("id", t, "include_children", false));
        assertThat(list(plain, "ancestors")).isEmpty();
        assertThat(list(plain, "descendants")).isEmpty();
        assertThat(list(server.call("query_work_item", args("id", p, "max_depth", 2)), "descendants"))
                .extracting(a -> ((Number) a.get("depth")).intValue()).containsExactly(1, 2);
        for (int bad : new int[] {0, 6}) {
            assertThat(server.fail("query_work_item", args("id", p, "max_depth", bad)).get("code"))
                    .isEqualTo("VALIDATION_ERROR");
        }

        // Re-parenting moves the subtree: st (and leaf) under s.
        Map<String, Object> stItem = server.call("query_work_item", args("id", st, "include_children", false));
        Map<String, Object> moved = server.call("update_work_item",
                args("id", st, "version", version(stItem), "parent_id", s));
        assertThat(((Number) moved.get("depth")).intValue()).isEqualTo(2);
        Map<String, Object> leafAfter = server.call("query_work_item", args("id", leaf, "include_children", false));
        assertThat(leafAfter.get("path")).isEqualTo("/" + p + "/" + s + "/" + st + "/" + leaf);
        assertThat(((Number) leafAfter.get("depth")).intValue()).isEqualTo(3);
        // A move under its own descendant is rejected.
        Map<String, Object> pItem = server.call("query_work_item", args("id", p, "include_children", false));
        assertThat(server.fail("update_work_item", args("id", p, "version", version(pItem), "parent_id", leaf))
                .get("code")).isIn("VALIDATION_ERROR", "DEPENDENCY_CYCLE");
        // Missing parent.
        assertThat(server.fail("create_work_item", args("item_type", "task", "title", "orphan", "metadata", args(),
                "parent_id", "01890000-0000-7000-8000-0000000000aa")).get("code"))
                .isIn("NOT_FOUND", "VALIDATION_ERROR");
        // Depth limit: depths 0..5 are legal, a child of a depth-5 item is not.
        String parent = leaf;
        Map<String, Object> d4 = server.call("create_work_item", args("item_type", "task", "title", "d4",
                "metadata", args(), "parent_id", leaf));
        Map<String, Object> d5 = server.call("create_work_item", args("item_type", "task", "title", "d5",
                "metadata", args(), "parent_id", id(d4)));
        assertThat(((Number) d5.get("depth")).intValue()).isEqualTo(5);
        assertThat(server.fail("create_work_item", args("item_type", "task", "title", "d6", "metadata", args(),
                "parent_id", id(d5))).get("code")).isEqualTo("VALIDATION_ERROR");
        assertThat(parent).isNotNull();
    }

    @Test
    void scenario9MetadataContract() {
        // Session token budget bounds; strings are never coerced to numbers.
        for (Object budget : new Object[] {999, 1000001, "200000"}) {
            Map<String, Object> meta = sessionMeta();
            meta.put("token_budget", budget);
            assertThat(createFails("session", meta)).as("token_budget %s", budget).contains("metadata.token_budget");
        }
        for (int budget : new int[] {1000, 1000000}) {
            Map<String, Object> meta = sessionMeta();
            meta.put("token_budget", budget);
            server.call("create_work_item", args("item_type", "session", "title", "s", "metadata", meta));
        }
        Map<String, Object> noVersion = sessionMeta();
        noVersion.put("yaml_frontmatter", args("mode", "x"));
        assertThat(createFails("session", noVersion)).anyMatch(f -> f.startsWith("metadata.yaml_frontmatter"));
        for (double hours : new double[] {-0.1, 1000.1}) {
            assertThat(createFails("task", args("estimated_hours", hours))).contains("metadata.estimated_hours");
        }
        assertThat(createFails("task", args("blocked_reason", "x".repeat(501)))).contains("metadata.blocked_reason");
        assertThat(createFails("project", args("description", "x".repeat(1001)))).contains("metadata.description");
        server.call("create_work_item", args("item_type", "research", "title", "r",
                "metadata", args("findings_summary", "x".repeat(2000))));
        assertThat(createFails("research", args("findings_summary", "x".repeat(2001))))
                .contains("metadata.findings_summary");
        for (String q : new String[] {"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"}) {
            server.call("create_work_item", args("item_type", "project", "title", "q",
                    "metadata", args("description", "d", "target_quarter", q)));
        }
        for (String q : new String[] {"2025-Q5", "Q1-2025"}) {
            assertThat(createFails("project", args("description", "d", "target_quarter", q)))
                    .contains("metadata.target_quarter");
        }
        // Metadata of the wrong type for item_type.
        assertThat(createFails("project", sessionMeta())).isNotEmpty();
        // Titles, actors, branch names.
        server.call("create_work_item", args("item_type", "task", "title", "t".repeat(200), "metadata", args()));
        assertThat(fields(server.fail("create_work_item", args("item_type", "task", "title", "t".repeat(201),
                "metadata", args())))).contains("title");
        assertThat(fields(server.fail("create_work_item", args("item_type", "task", "title", "  ",
                "metadata", args())))).contains("title");
        assertThat(fields(server.fail("create_work_item", args("item_type", "task", "title", "x",
                "metadata", args(), "created_by", "c".repeat(101))))).contains("created_by");
        assertThat(fields(server.fail("create_work_item", args("item_type", "task", "title", "x",
                "metadata", args(), "branch_name", "b".repeat(101))))).contains("branch_name");
        // Paging and enums.
        assertThat(fields(server.fail("list_work_items", args("limit", 0)))).contains("limit");
        assertThat(fields(server.fail("list_work_items", args("limit", 101)))).contains("limit");
        assertThat(fields(server.fail("list_work_items", args("offset", -1)))).contains("offset");
        assertThat(fields(server.fail("list_work_items", args("status", "need to be done")))).contains("status");
        assertThat(fields(server.fail("create_work_item", args("item_type", "epic", "title", "x",
                "metadata", args())))).contains("item_type");
        // Configuration: token budget bounds, commit hash, updated_by; nullable fields accept null.
        assertThat(fields(server.fail("update_project_configuration", args("default_token_budget", 999))))
                .contains("default_token_budget");
        assertThat(fields(server.fail("update_project_configuration", args("git_head_commit", "abc"))))
                .contains("git_head_commit");
        assertThat(fields(server.fail("update_project_configuration", args("updated_by", "u".repeat(101)))))
                .contains("updated_by");
        Map<String, Object> config = server.call("update_project_configuration",
                args("git_branch", "main", "git_head_commit", COMMIT, "default_token_budget", 1000000));
        assertThat(config.get("git_branch")).isEqualTo("main");
        Map<String, Object> cleared = server.call("update_project_configuration",
                args("git_branch", null, "git_head_commit", null, "current_session_id", null));
        assertThat(cleared.get("git_branch")).isNull();
        assertThat(cleared.get("git_head_commit")).isNull();
        assertThat(((Number) cleared.get("id")).intValue()).isEqualTo(1);
    }

    private List<String> createFails(String type, Map<String, Object> metadata) {
        Map<String, Object> error = server.fail("create_work_item",
                args("item_type", type, "title", "bad " + type, "metadata", metadata));
        assertThat(error.get("code")).isEqualTo("VALIDATION_ERROR");
        return fields(error);
    }

    private static List<String> fields(Map<String, Object> error) {
        return Fixtures.fieldsOf(error);
    }

    /** The reference's remote MCP-client smoke suite (without its two legacy task-tool steps). */
    @Test
    void remoteSmokeSuite() {
        // 1. list tools
        assertThat(server.client().listTools().tools()).hasSize(19);
        // 2-4. project, child session, grandchild task
        Map<String, Object> project = server.call("create_work_item",
                args("item_type", "project", "title", "Smoke project", "metadata", projectMeta()));
        Map<String, Object> session = server.call("create_work_item", args("item_type", "session",
                "title", "Smoke session", "metadata", sessionMeta(), "parent_id", id(project)));
        Map<String, Object> task = server.call("create_work_item", args("item_type", "task",
                "title", "Smoke task", "metadata", args("estimated_hours", 2), "parent_id", id(session),
                "branch_name", "feature/smoke"));
        assertThat(((Number) task.get("depth")).intValue()).isEqualTo(2);
        // 5. query with hierarchy
        Map<String, Object> view = server.call("query_work_item", args("id", id(task)));
        assertThat(list(view, "ancestors")).extracting(a -> a.get("id")).containsExactly(id(project), id(session));
        // 6. list with filters
        Map<String, Object> sessions = server.call("list_work_items",
                args("item_type", "session", "parent_id", id(project)));
        assertThat(items(sessions)).extracting(x -> x.get("id")).containsExactly(id(session));
        assertThat(sessions).containsKeys("total_count", "limit", "offset", "has_more");
        // 7. update success
        Map<String, Object> done = server.call("update_work_item", args("id", id(task), "version", version(task),
                "status", "completed", "updated_by", "smoke"));
        assertThat(done.get("status")).isEqualTo("completed");
        // 8. stale version -> conflict
        assertThat(server.fail("update_work_item", args("id", id(task), "version", version(task),
                "status", "blocked")).get("code")).isEqualTo("VERSION_CONFLICT");
        // 9. (the reference's "DB schema check") storage is healthy
        Map<String, Object> storage = server.call("storage_status", args());
        assertThat(storage).containsKey("layers");
    }
}
