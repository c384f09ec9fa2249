package dev.workstate.mcp.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import dev.workstate.error.DependencyCycleException;
import dev.workstate.error.DuplicateException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.ValidationException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.port.ServedBy;
import dev.workstate.service.MigrationService;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error and success mapping of {@link ToolResults}, without a transport. */
class ToolResultsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(CallToolResult r) {
        assertThat(r.isError()).isTrue();
        return (Map<String, Object>) ((Map<String, Object>) r.structuredContent()).get("error");
    }

    private static CallToolResult fail(String tool, Throwable thrown) {
        return ToolResults.error(tool, thrown, SQLITE);
    }

    private static String text(CallToolResult r, int index) {
        return ((McpSchema.TextContent) r.content().get(index)).text();
    }

    private static final ServedBy SQLITE = new ServedBy("sqlite", false, null);

    record Current(String id, long version, Instant updatedAt) {
    }

    @Test
    void everyDomainExceptionKeepsItsCodeMessageAndDetails() {
        assertThat(error(fail("t", ValidationException.of("title", "must not be blank"))))
                .containsEntry("code", "VALIDATION_ERROR")
                .containsEntry("details", Map.of("fields", List.of(Map.of("field", "title",
                        "message", "must not be blank"))));
        assertThat(error(fail("t", new NotFoundException("WorkItem", "x"))).get("code"))
                .isEqualTo("NOT_FOUND");
        assertThat(error(fail("t", new DuplicateException("Vendor", "acme", "1"))).get("code"))
                .isEqualTo("DUPLICATE");
        assertThat(error(fail("t", new DependencyCycleException("cycle", List.of("a", "b"))))
                .get("code")).isEqualTo("DEPENDENCY_CYCLE");
        assertThat(error(fail("t", new StorageUnavailableException("postgres", "connection refused",
                null))).get("code")).isEqualTo("STORAGE_UNAVAILABLE");
        Map<String, Object> conflict = error(fail("t", new VersionConflictException("WorkItem", "id-1",
                3, 4, "claude-desktop", new Current("id-1", 4, Instant.parse("2025-01-01T00:00:00Z")))));
        assertThat(conflict.get("code")).isEqualTo("VERSION_CONFLICT");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) conflict.get("details");
        assertThat(details).containsEntry("entity_type", "WorkItem").containsEntry("entity_id", "id-1")
                .containsEntry("expected_version", 3L).containsEntry("current_version", 4L)
                .containsEntry("last_updated_by", "claude-desktop");
        assertThat(details.get("current")).isEqualTo(Map.of("id", "id-1", "version", 4L,
                "updated_at", "2025-01-01T00:00:00Z"));
    }

    @Test
    void unexpectedFailuresAreInternalWithAGenericMessage() {
        CallToolResult r = fail("t", new IllegalStateException(
                "SQLITE_CONSTRAINT at /home/user/.workstate/workstate.db: SELECT * FROM work_items"));
        Map<String, Object> e = error(r);
        assertThat(e.get("code")).isEqualTo("INTERNAL");
        assertThat((String) e.get("message")).startsWith("internal error (reference ")
                .doesNotContain("SQLITE").doesNotContain("/home");
        assertThat(e.get("details")).isEqualTo(Map.of());
        assertThat(text(r, 0)).doesNotContain("SELECT");
    }

    @Test
    void guiceWrappersAreUnwrappedAndUnboundServicesAreClear() {
        ProvisionException wrapped = new ProvisionException("boom",
                new StorageUnavailableException("sqlite", "disk full", null));
        assertThat(error(fail("t", wrapped)).get("code")).isEqualTo("STORAGE_UNAVAILABLE");
        try {
            Guice.createInjector(new AbstractModule() { }).getInstance(MigrationService.class);
        } catch (com.google.inject.ConfigurationException e) {
            Map<String, Object> notAvailable = error(fail("migrate_legacy_status", e));
            assertThat(notAvailable.get("code")).isEqualTo("VALIDATION_ERROR");
            assertThat((String) notAvailable.get("message")).contains("not available");
        }
    }

    @Test
    void successCarriesSnakeCaseJsonTextAndServedBy() {
        CallToolResult ok = ToolResults.success(new Current("a", 1, Instant.parse("2025-01-01T00:00:00Z")),
                new ServedBy("sqlite", false, null));
        assertThat(ok.isError()).isFalse();
        assertThat(text(ok, 0)).isEqualTo("{\"id\":\"a\",\"version\":1,\"updated_at\":\"2025-01-01T00:00:00Z\"}");
        assertThat(ok.content()).hasSize(1);
        assertThat(ok.meta()).containsEntry("served_by", Map.of("layer", "sqlite", "stale", false));

        CallToolResult degraded = ToolResults.success(Map.of("id", "a"),
                new ServedBy("markdown", true, "postgres and sqlite unavailable; served from markdown"));
        assertThat(degraded.content()).hasSize(2);
        assertThat(text(degraded, 1)).startsWith("warning: ").doesNotContain("\n");
    }

    @Test
    void domainAnswersNameTheirLayerButUnavailableAndInternalErrorsDoNot() {
        assertThat(fail("t", new NotFoundException("WorkItem", "x")).meta())
                .containsEntry("served_by", Map.of("layer", "sqlite", "stale", false));
        CallToolResult stale = ToolResults.error("t", ValidationException.of("title", "must not be blank"),
                new ServedBy("markdown", true, null));
        assertThat(stale.meta()).containsKey("served_by");
        assertThat(text(stale, 1)).isEqualTo("warning: served by the markdown layer; data may be stale");
        assertThat(fail("t", new StorageUnavailableException("postgres", "connection refused", null)).meta())
                .isNullOrEmpty();
        assertThat(fail("t", new IllegalStateException("boom")).meta()).isNullOrEmpty();
        assertThat(ToolResults.error("t", new NotFoundException("WorkItem", "x"), null).meta()).isNullOrEmpty();
    }
}
