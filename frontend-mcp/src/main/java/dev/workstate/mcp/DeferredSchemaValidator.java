package dev.workstate.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import java.util.Map;

/**
 * The server's JSON-schema validator, built off the start-up path: the SDK's {@link DefaultJsonSchemaValidator} costs
 * ~70 ms to create and checks every tool schema while the server is being built, all before the first
 * {@code initialize} can be answered. Here the SDK's build-time check of the (constant) tool schemas is a no-op —
 * {@code ToolSchemaValidityTest} checks the same schemas with the SDK's validator instead — and the real validator is
 * created by {@link #prepare()} on a background thread, or by the first call that needs it.
 *
 * <p>Thread-safe.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {
    private volatile JsonSchemaValidator delegate;

    /** Creates the real validator now unless it exists; for a background thread after start-up. */
    void prepare() {
        delegate();
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return delegate().validate(schema, structuredContent);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        // Only the SDK's check of our own tool schemas at build time comes here; see the class comment.
        return ValidationResponse.asValid(null);
    }

    private JsonSchemaValidator delegate() {
        JsonSchemaValidator d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = new DefaultJsonSchemaValidator();
                    delegate = d;
                }
            }
        }
        return d;
    }
}
