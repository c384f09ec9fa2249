package dev.workstate.service;

import java.util.Map;

/**
 * Imports a legacy {@code .project_status.md} (both variants of the reference), validating everything first, writing in
 * one transaction, then running the five reconciliation checks; any failure rolls everything back and leaves the file
 * untouched.
 *
 * <p>Implementations are thread-safe.
 */
public interface MigrationService {

    /**
     * @return the migration report as snake_case JSON-ready map: success, dry_run, rollback_executed, errors,
     *         parse_issues (with line numbers), reconciliation, data_preservation_percentage, vendor_metadata
     */
    Map<String, Object> migrate(String path, boolean dryRun, boolean strict);
}
