package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.args;
import static dev.workstate.mcp.Fixtures.id;
import static dev.workstate.mcp.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool contract as a client sees it: exactly the 19 tool names, closed input schemas with bounds, output schemas,
 * hints, a {@code tools/list} answer under 16 KB, and the error mapping of every code, every wrong argument type and
 * unknown arguments, with the server still serving afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolContractTest {
    static final List<String> NAMES = List.of("create_work_item", "update_work_item", "query_work_item",
            "list_work_items", "link_work_items", "claim_work_item", "record_deployment", "list_deployments",
            "create_vendor", "query_vendor_status", "list_vendors", "update_vendor_status",
            "get_project_configuration", "update_project_configuration", "save_enhancement", "list_enhancements",
            "generate_status_report", "migrate_legacy_status", "storage_status");
    static final int TOOLS_LIST_LIMIT = 16 * 1024;

    @TempDir
    static Path dir;
    McpServerProcess server;
    List<Tool> tools;

    @BeforeAll
    void start() {
        server = McpServerProcess.fromClasspath(dir.resolve("data"), "claude-code");
        tools = server.client().listTools().tools();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void exactlyTheSpecifiedTools() {
        assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrderElementsOf(NAMES);
    }

    @Test
    void toolsListStaysUnder16KB() throws Exception {
        String json = McpServerProcess.MAPPER.writeValueAsString(new McpSchema.ListToolsResult(tools, null));
        String message = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":" + json + "}";
        int bytes = message.getBytes(StandardCharsets.UTF_8).length;
        System.err.printf("[measure] tools/list answer: %d bytes for %d tools%n", bytes, tools.size());
        assertThat(bytes).isLessThan(TOOLS_LIST_LIMIT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void schemasAreClosedWithOutputSchemasAndHints() {
        for (Tool t : tools) {
            assertThat(t.description()).as(t.name()).isNotBlank().hasSizeLessThan(260);
            Map<String, Object> in = t.inputSchema();
            assertThat(in.get("type")).as(t.name()).isEqualTo("object");
            assertThat(in.get("additionalProperties")).as(t.name()).isEqualTo(false);
            assertThat(t.outputSchema()).as(t.name()).containsEntry("type", "object");
            assertThat(t.annotations()).as(t.name()).isNotNull();
            boolean query = t.name().startsWith("list_") || t.name().startsWith("query_")
                    || t.name().startsWith("get_") || t.name().equals("storage_status");
            assertThat(t.annotations().readOnlyHint()).as(t.name()).isEqualTo(query ? Boolean.TRUE : null);
        }
        Map<String, Tool> byName = new LinkedHashMap<>();
        tools.forEach(t -> byName.put(t.name(), t));
        assertThat(byName.get("update_work_item").annotations().destructiveHint()).isTrue();
        assertThat(byName.get("create_work_item").annotations().destructiveHint()).isFalse();
        Map<String, Object> listProps = (Map<String, Object>) byName.get("list_work_items").inputSchema()
                .get("properties");
        assertThat((Map<String, Object>) listProps.get("limit")).containsEntry("minimum", 1).containsEntry("maximum",
                100);
        assertThat((Map<String, Object>) ((Map<String, Object>) byName.get("query_work_item").inputSchema()
                .get("properties")).get("max_depth")).containsEntry("minimum", 1).containsEntry("maximum", 5);
    }

    /** Every parameter of every tool, given a value of the wrong JSON type, is a VALIDATION_ERROR naming it. */
    @Test
    @SuppressWarnings("unchecked")
    void wrongArgumentTypesAreValidationErrorsNamingTheField() {
        int checked = 0;
        for (Tool t : tools) {
            Map<String, Object> props = (Map<String, Object>) t.inputSchema().get("properties");
            for (Map.Entry<String, Object> p : props.entrySet()) {
                Object type = ((Map<String, Object>) p.getValue()).get("type");
                String first = type instanceof List<?> l ? (String) l.get(0) : (String) type;
                Object wrong = switch (first) {
                    case "string" -> 12345;
                    case "integer" -> "12";
                    case "boolean" -> "yes";
                    case "object" -> List.of(1);
                    case "array" -> "not-an-array";
                    default -> throw new AssertionError(first);
                };
                Map<String, Object> error = server.fail(t.name(), args(p.getKey(), wrong));
                assertThat(error.get("code")).as("%s.%s", t.name(), p.getKey()).isEqualTo("VALIDATION_ERROR");
                assertThat(Fixtures.fieldsOf(error)).as("%s.%s", t.name(), p.getKey()).contains(p.getKey());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(90);
        assertThat(server.call("get_project_configuration", Map.of())).containsKey("id");
    }

    @Test
    void unknownArgumentsAndTypoedNamesAreRejected() {
        Map<String, Object> error = server.fail("list_work_items", args("item_typ", "task"));
        assertThat(error.get("code")).isEqualTo("VALIDATION_ERROR");
        assertThat(Fixtures.fieldsOf(error)).containsExactly("item_typ");
        assertThat(Fixtures.fieldsOf(server.fail("storage_status", args("verbose", true)))).containsExactly("verbose");
        // Fractional numbers for integers, strings for numbers: no coercion.
        assertThat(Fixtures.fieldsOf(server.fail("list_work_items", args("limit", 2.5)))).containsExactly("limit");
        assertThat(Fixtures.fieldsOf(server.fail("update_work_item", args("id", "not-a-uuid", "version", 1))))
                .containsExactly("id");
        // Several problems are reported together.
        assertThat(Fixtures.fieldsOf(server.fail("create_work_item", args("title", 5))))
                .contains("item_type", "title");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDomainErrorCodeIsAStructuredToolError() {
        Map<String, Object> validation = server.fail("create_work_item", args("item_type", "task", "title", ""));
        assertThat(validation.get("code")).isEqualTo("VALIDATION_ERROR");
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) validation.get("details")).get("fields"))
                .allSatisfy(f -> assertThat(f).containsKeys("field", "message"));

        Map<String, Object> notFound = server.fail("query_work_item",
                args("id", "01890000-0000-7000-8000-000000000001"));
        assertThat(notFound.get("code")).isEqualTo("NOT_FOUND");

        Map<String, Object> item = server.call("create_work_item", args("item_type", "task", "title", "E",
                "metadata", Map.of()));
        server.call("update_work_item", args("id", id(item), "version", version(item), "title", "E2"));
        Map<String, Object> conflict = server.fail("update_work_item",
                args("id", id(item), "version", version(item), "title", "E3"));
        assertThat(conflict.get("code")).isEqualTo("VERSION_CONFLICT");
        assertThat((Map<String, Object>) conflict.get("details")).containsKeys("entity_type", "entity_id",
                "expected_version", "current_version", "last_updated_by", "current");

        server.call("create_vendor", args("name", "Acme Parser"));
        Map<String, Object> duplicate = server.fail("create_vendor", args("name", "ACME parser"));
        assertThat(duplicate.get("code")).isEqualTo("DUPLICATE");

        Map<String, Object> other = server.call("create_work_item", args("item_type", "task", "title", "F",
                "metadata", Map.of()));
        server.call("link_work_items", args("source_id", id(item), "target_id", id(other),
                "dependency_type", "blocks"));
        Map<String, Object> cycle = server.fail("link_work_items", args("source_id", id(other),
                "target_id", id(item), "dependency_type", "blocks"));
        assertThat(cycle.get("code")).isEqualTo("DEPENDENCY_CYCLE");
        assertThat(server.fail("link_work_items", args("source_id", id(item), "target_id", id(item),
                "dependency_type", "depends_on")).get("code")).isEqualTo("DEPENDENCY_CYCLE");

        // Every error result carries the same JSON as text, and isError.
        CallToolResult raw = server.callRaw("query_vendor_status", args("name", "nobody"));
        assertThat(raw.isError()).isTrue();
        assertThat(((McpSchema.TextContent) raw.content().get(0)).text()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void resultsCarryStructuredContentTextAndServedBy() throws Exception {
        CallToolResult r = server.callRaw("get_project_configuration", Map.of());
        assertThat(r.isError()).isFalse();
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        Map<String, Object> parsed = McpServerProcess.MAPPER.readValue(text, Map.class);
        assertThat(parsed).isEqualTo(r.structuredContent());
        assertThat(parsed).containsKeys("active_context_type", "default_token_budget", "updated_by");
        Map<String, Object> served = (Map<String, Object>) r.meta().get("served_by");
        assertThat(served.get("layer")).isEqualTo("sqlite");
        assertThat(served.get("stale")).isEqualTo(false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void createVendorAcceptsInitialMetadataAsObjectOrJsonString() {
        Map<String, Object> fromString = server.call("create_vendor", args("name", "string-meta",
                "initial_metadata", "{\"extractor_version\":\"2.0.0\",\"manifest_compliant\":true}"));
        assertThat(fromString.get("extractor_version")).isEqualTo("2.0.0");
        Map<String, Object> fromObject = server.call("create_vendor", args("name", "object-meta",
                "initial_metadata", args("format_support", args("csv", true))));
        Map<String, Object> formats = (Map<String, Object>) ((Map<String, Object>) fromObject.get("metadata"))
                .get("format_support");
        assertThat(formats).containsEntry("csv", true).containsEntry("pdf", false);
        assertThat(Fixtures.fieldsOf(server.fail("create_vendor", args("name", "bad-json",
                "initial_metadata", "{not json")))).contains("initial_metadata");
    }

    @Test
    void updateWorkItemSoftDeleteRestoreAndClearing() {
        Map<String, Object> item = server.call("create_work_item", args("item_type", "task", "title", "Deletable",
                "metadata", Map.of(), "branch_name", "feature/x", "pr_number", 7, "description", "d"));
        Map<String, Object> deleted = server.call("update_work_item", args("id", id(item), "version", version(item),
                "deleted_at", "NOW()"));
        assertThat(deleted.get("deleted_at")).isNotNull();
        assertThat(Fixtures.items(server.call("list_work_items", args("query", "Deletable")))).isEmpty();
        assertThat(Fixtures.items(server.call("list_work_items", args("query", "Deletable",
                "include_deleted", true)))).hasSize(1);
        Map<String, Object> restored = server.call("update_work_item", args("id", id(item),
                "version", version(deleted), "restore", true, "branch_name", null, "pr_number", null,
                "description", null));
        assertThat(restored.get("deleted_at")).isNull();
        assertThat(restored.get("branch_name")).isNull();
        assertThat(restored.get("pr_number")).isNull();
        assertThat(restored.get("description")).isNull();
    }

    @Test
    void enhancementsAndClaimsRoundTrip() {
        Map<String, Object> e = server.call("save_enhancement", args("title", "Semantic cache",
                "description", "Cache embeddings", "priority", 2, "target_quarter", "2026-Q1",
                "constitutional_principles", List.of("Simplicity Over Features")));
        Map<String, Object> approved = server.call("save_enhancement", args("id", id(e), "version", version(e),
                "title", "Semantic cache", "description", "Cache embeddings", "priority", 1, "status", "approved"));
        assertThat(approved.get("status")).isEqualTo("approved");
        assertThat(Fixtures.items(server.call("list_enhancements", args("status", "approved"))))
                .extracting(x -> x.get("id")).contains(id(e));
        Map<String, Object> item = server.call("create_work_item", args("item_type", "task", "title", "Lease",
                "metadata", Map.of()));
        Map<String, Object> claim = server.call("claim_work_item", args("id", id(item), "claimed_by", "agent-1",
                "lease_minutes", 5));
        assertThat(claim.get("granted")).isEqualTo(true);
        Map<String, Object> other = server.call("claim_work_item", args("id", id(item), "claimed_by", "agent-2"));
        assertThat(other.get("granted")).isEqualTo(false);
        assertThat(server.call("claim_work_item", args("id", id(item), "claimed_by", "agent-1",
                "action", "release")).get("granted")).isEqualTo(true);
    }
}
