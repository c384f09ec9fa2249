package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.args;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate_legacy_status} through MCP (the reference's scenario 6): dry run writes nothing, a real run imports
 * and reconciles, an invalid file rolls back and stays untouched, a missing file is a clean error.
 */
class MigrationToolTest {
    @TempDir
    Path dir;

    private Path fixture(String name) throws Exception {
        Path target = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/dev/workstate/testkit/legacy/" + name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void migratesALegacyStatusFile() throws Exception {
        Path legacy = fixture("scenario6-generated.md");
        Path invalid = fixture("invalid-vendor.md");
        String invalidBefore = Files.readString(invalid);
        try (McpServerProcess server = McpServerProcess.fromClasspath(dir.resolve("data"), "claude-code")) {
            Map<String, Object> dry = server.call("migrate_legacy_status", args("path", legacy.toString(),
                    "dry_run", true));
            assertThat(dry.get("success")).as("%s", dry).isEqualTo(true);
            assertThat(((Number) server.call("list_vendors", args()).get("total_count")).intValue()).isZero();

            Map<String, Object> real = server.call("migrate_legacy_status", args("path", legacy.toString()));
            assertThat(real.get("success")).as("%s", real).isEqualTo(true);
            assertThat(real).containsKey("reconciliation");
            assertThat(((Number) server.call("list_vendors", args()).get("total_count")).intValue()).isPositive();

            // A failed migration is a report (success false, rolled back), or a validation error.
            CallToolResult failed = server.callRaw("migrate_legacy_status", args("path", invalid.toString()));
            @SuppressWarnings("unchecked")
            Map<String, Object> report = (Map<String, Object>) failed.structuredContent();
            if (failed.isError()) {
                assertThat(report).containsKey("error");
            } else {
                assertThat(report.get("success")).as("%s", report).isEqualTo(false);
            }
            assertThat(Files.readString(invalid)).isEqualTo(invalidBefore);

            Map<String, Object> missing = server.fail("migrate_legacy_status",
                    args("path", dir.resolve("nope.md").toString()));
            assertThat(missing.get("code")).isIn("VALIDATION_ERROR", "NOT_FOUND");
        }
    }
}
