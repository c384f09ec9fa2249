package dev.workstate.report;

import dev.workstate.internal.Json;
import java.util.Map;

/**
 * Renders a {@link StatusReport} as JSON: the report's own snake_case form ({@code generated_at}, {@code vendor_health}
 * {total_vendors, operational_count, broken_count, operational_percentage}, {@code vendors}, {@code active_work_items}
 * {total_count, by_type, by_status, archived_count, items}, {@code recent_deployments}, {@code pending_enhancements}),
 * keys in a fixed order, so the same report always prints the same bytes.
 *
 * <p>Stateless; thread-safe.
 */
public final class JsonReportRenderer {

    /** The report as a JSON-shaped map (insertion-ordered), e.g. for an MCP structured result. */
    public Map<String, Object> toMap(StatusReport report) {
        return Json.toMap(report);
    }

    /** The report as pretty-printed JSON text ending with a newline. */
    public String render(StatusReport report) {
        return Json.writePretty(report) + "\n";
    }
}
