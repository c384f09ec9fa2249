package dev.workstate.service;

/**
 * Generates the status report (SPEC §2) in markdown or JSON from one model; the same data renders byte-identical
 * output, and {@code at} fixes the timestamp.
 *
 * <p>Implementations are thread-safe.
 */
public interface ReportService {

    /**
     * Generates the report with the default number of recent deployments (10).
     *
     * @param format {@code markdown} (default) or {@code json}
     * @param at ISO-8601 instant, or null for now
     * @param writePath file to write the rendered report to (atomically), or null
     */
    default StatusReportResult generate(String format, String at, String writePath) {
        return generate(format, at, writePath, null);
    }

    /**
     * Generates the report.
     *
     * @param recentDeployments how many of the newest deployments to show, 1-100 (null: 10)
     */
    StatusReportResult generate(String format, String at, String writePath, Integer recentDeployments);
}
