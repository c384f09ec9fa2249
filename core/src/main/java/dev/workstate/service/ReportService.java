package dev.workstate.service;

/**
 * Generates the status report (SPEC §2) in markdown or JSON from one model; the same data renders byte-identical
 * output, and {@code at} fixes the timestamp.
 *
 * <p>Implementations are thread-safe.
 */
public interface ReportService {

    /**
     * @param format {@code markdown} (default) or {@code json}
     * @param at ISO-8601 instant, or null for now
     * @param writePath file to write the rendered report to, or null
     */
    StatusReportResult generate(String format, String at, String writePath);
}
