package dev.workstate.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A generated status report: {@code {format: "markdown", markdown}} or {@code {format: "json", report}}, plus the path
 * written when one was asked for.
 *
 * <p>Immutable; thread-safe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusReportResult(String format, String markdown, Map<String, Object> report, String writtenTo) {
}
