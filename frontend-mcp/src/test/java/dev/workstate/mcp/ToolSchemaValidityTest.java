package dev.workstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.mcp.tool.ToolContext;
import dev.workstate.mcp.tool.Tools;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Every tool's input and output schema is a valid JSON schema by the SDK's own validator: the check the SDK would make
 * while building the server, which {@link DeferredSchemaValidator} leaves out of the start-up path.
 */
class ToolSchemaValidityTest {

    @Test
    void everyToolSchemaPassesTheSdkValidator() {
        JsonSchemaValidator sdk = new DefaultJsonSchemaValidator();
        var specs = Tools.specifications(new ToolContext(new CompletableFuture<>()));
        assertThat(specs).hasSize(19);
        for (SyncToolSpecification s : specs) {
            JsonSchemaValidator.ValidationResponse in = sdk.validateSchema(s.tool().inputSchema());
            assertThat(in.valid()).as(s.tool().name() + " input: " + in.errorMessage()).isTrue();
            JsonSchemaValidator.ValidationResponse out = sdk.validateSchema(s.tool().outputSchema());
            assertThat(out.valid()).as(s.tool().name() + " output: " + out.errorMessage()).isTrue();
        }
    }

    @Test
    void deferredValidatorStillValidatesResults() {
        DeferredSchemaValidator v = new DeferredSchemaValidator();
        Map<String, Object> schema = Map.of("type", "object", "required", java.util.List.of("id"),
                "properties", Map.of("id", Map.of("type", "string")));
        assertThat(v.validate(schema, Map.of("id", "x")).valid()).isTrue();
        assertThat(v.validate(schema, Map.of("id", 5)).valid()).isFalse();
    }
}
