package dev.workstate.mcp.tool;

import com.google.inject.ConfigurationException;
import com.google.inject.ProvisionException;
import dev.workstate.error.ErrorCode;
import dev.workstate.error.InternalException;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.Json;
import dev.workstate.port.ServedBy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a tool handler returned or threw into an MCP result: snake_case structured content (the same JSON as the
 * CLI's {@code --json}), the same JSON as text, {@code _meta.served_by} naming the storage layer, and a second text
 * line with a warning when a degraded layer answered. Errors become {@code isError} results with
 * {@code {"error": {"code", "message", "details"}}}; anything unexpected is INTERNAL with a generic message and the
 * details in the log only.
 *
 * <p>Stateless; thread-safe.
 */
public final class ToolResults {
    private static final Logger LOG = LoggerFactory.getLogger(ToolResults.class);

    private ToolResults() {
    }

    public static CallToolResult success(Object value, ServedBy servedBy) {
        ResultBudget.Fitted fitted = ResultBudget.fit(toStructured(value));
        CallToolResult.Builder b = CallToolResult.builder()
                .structuredContent(fitted.structured())
                .addTextContent(fitted.json())
                .isError(false);
        servedBy(b, servedBy);
        return b.build();
    }

    /** Adds {@code _meta.served_by} and, for a stale or degraded layer, a one-line warning to the text. */
    private static void servedBy(CallToolResult.Builder b, ServedBy servedBy) {
        if (servedBy == null) {
            return;
        }
        Map<String, Object> served = new LinkedHashMap<>();
        served.put("layer", servedBy.layer());
        served.put("stale", servedBy.stale());
        if (servedBy.warning() != null) {
            served.put("warning", servedBy.warning());
        }
        b.meta(Map.of("served_by", served));
        if (servedBy.stale() || servedBy.warning() != null) {
            String warning = servedBy.warning() != null ? servedBy.warning()
                    : "served by the " + servedBy.layer() + " layer; data may be stale";
            b.addContent(new TextContent("warning: " + warning.replace('\n', ' ')));
        }
    }

    /**
     * Maps any throwable to an error result; never throws. A domain answer (not found, conflict, validation) names the
     * layer that gave it in {@code _meta.served_by}, as a success does; {@code STORAGE_UNAVAILABLE} and internal
     * errors name none, since no layer answered.
     */
    public static CallToolResult error(String tool, Throwable thrown, ServedBy servedBy) {
        WorkstateException domain = domainCause(thrown);
        Map<String, Object> error = new LinkedHashMap<>();
        if (domain != null && !(domain instanceof InternalException)) {
            error.put("code", domain.code().name());
            error.put("message", domain.getMessage());
            error.put("details", safeDetails(domain));
            if (domain.code() == ErrorCode.STORAGE_UNAVAILABLE) {
                LOG.warn("{}: {}", tool, domain.getMessage(), domain.getCause());
            }
        } else if (thrown instanceof ConfigurationException && isMissingService((ConfigurationException) thrown)) {
            error.put("code", ErrorCode.VALIDATION_ERROR.name());
            error.put("message", tool + " is not available in this build yet");
            error.put("details", Map.of("fields", List.of(Map.of("field", "tool", "message", "not available yet"))));
        } else {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("{} failed (reference {})", tool, ref, thrown);
            error.put("code", ErrorCode.INTERNAL.name());
            error.put("message", "internal error (reference " + ref + "); details are in the server log");
            error.put("details", Map.of());
        }
        Map<String, Object> structured = Map.of("error", error);
        CallToolResult.Builder b = CallToolResult.builder()
                .structuredContent(structured)
                .addTextContent(Json.write(structured))
                .isError(true);
        boolean answered = domain != null && !(domain instanceof InternalException)
                && domain.code() != ErrorCode.STORAGE_UNAVAILABLE;
        if (answered) {
            servedBy(b, servedBy);
        }
        return b.build();
    }

    private static Map<String, Object> safeDetails(WorkstateException e) {
        try {
            return Json.toMap(e.details());
        } catch (RuntimeException serialisation) {
            LOG.warn("could not serialise error details of {}", e.code(), serialisation);
            return Map.of();
        }
    }

    /** Finds the domain exception behind Guice wrappers and completion wrappers. */
    private static WorkstateException domainCause(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (t instanceof WorkstateException w) {
                return w;
            }
            if (t instanceof ProvisionException pe && !pe.getErrorMessages().isEmpty()) {
                Throwable c = pe.getErrorMessages().iterator().next().getCause();
                if (c instanceof WorkstateException w) {
                    return w;
                }
            }
            t = t.getCause();
        }
        return null;
    }

    private static boolean isMissingService(ConfigurationException e) {
        return e.getErrorMessages().stream().anyMatch(m -> String.valueOf(m.getMessage()).contains("No implementation"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toStructured(Object value) {
        if (value instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)) {
            // Maps from services may still hold records: normalise through the one mapper.
            return Json.toMap(m);
        }
        return Json.toMap(value);
    }
}
