package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.args;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot be opened: the server still starts and answers {@code initialize} and {@code tools/list}, and
 * every tool call is a STORAGE_UNAVAILABLE tool error naming the layer, without internals, instead of a crash.
 */
class StorageUnavailableTest {
    @TempDir
    Path dir;

    @Test
    void toolCallsReportStorageUnavailableAndTheServerKeepsServing() throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-directory"));
        try (McpServerProcess server = McpServerProcess.fromClasspath(file.resolve("data"), "claude-code")) {
            assertThat(server.client().listTools().tools()).hasSize(19);
            for (int i = 0; i < 2; i++) {
                Map<String, Object> error = server.fail("query_vendor_status", args("name", "any"));
                assertThat(error.get("code")).isEqualTo("STORAGE_UNAVAILABLE");
                assertThat((String) error.get("message")).contains("sqlite").doesNotContain(dir.toString());
            }
            // Argument errors are still reported as such.
            assertThat(server.fail("list_work_items", args("limit", 0)).get("code")).isEqualTo("VALIDATION_ERROR");
        }
    }
}
