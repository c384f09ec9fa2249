package dev.workstate.cli.command;

import dev.workstate.error.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstate migrate FILE}: imports a legacy {@code .project_status.md} (generated or hand-written variant) in one
 * transaction with reconciliation; prints the migration report. Exit code 0 on success, else the code of the failure
 * (3 validation or parse failure, 5 already migrated, 6 storage unavailable, 1 other).
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "migrate", description = {"Import a legacy .project_status.md (both variants) into the store.",
    "Everything is validated and written in one transaction, then reconciled; any failure rolls back and the file is"
        + " never modified. Malformed entries are reported with their line and skipped unless --strict."})
public final class MigrateCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The legacy status file.")
    Path file;

    @Option(names = "--dry-run", description = "Validate and reconcile, then roll back: nothing is written.")
    boolean dryRun;

    @Option(names = "--strict", description = "Fail on any parse issue instead of skipping malformed entries.")
    boolean strict;

    @Override
    protected int execute() {
        Map<String, Object> report = ws().migration().migrate(file.toString(), dryRun, strict);
        boolean ok = Boolean.TRUE.equals(report.get("success"));
        emit(report, () -> human(report, ok));
        if (ok) {
            return 0;
        }
        Object code = report.get("error_code");
        try {
            return code == null ? ErrorCode.VALIDATION_ERROR.exitCode() : ErrorCode.valueOf(code.toString()).exitCode();
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL.exitCode();
        }
    }

    @SuppressWarnings("unchecked")
    private void human(Map<String, Object> r, boolean ok) {
        String what = Boolean.TRUE.equals(r.get("dry_run")) ? "dry run" : "migration";
        out().println(what + (ok ? " succeeded" : " FAILED") + " (" + r.get("variant") + " format, "
                + r.get("duration_ms") + " ms)");
        Map<String, Object> rec = (Map<String, Object>) r.get("reconciliation");
        if (rec != null) {
            rec.forEach((k, v) -> {
                Map<String, Object> c = (Map<String, Object>) v;
                out().printf("  %-19s source %-5s migrated %-5s %s%n", k, c.get("source"), c.get("migrated"),
                        Boolean.TRUE.equals(c.get("match")) ? "ok" : "MISMATCH");
            });
        }
        Map<String, Object> vm = (Map<String, Object>) r.get("vendor_metadata");
        if (vm != null && vm.get("fields_validated") != null) {
            out().println("  vendor metadata     " + vm.get("completeness_percentage") + "% complete ("
                    + vm.get("fields_validated") + " fields)");
        }
        out().println("  data preserved      " + r.get("data_preservation_percentage") + "%");
        if (Boolean.TRUE.equals(r.get("rollback_executed"))) {
            out().println("  rolled back: nothing was written");
        }
        for (Map<String, Object> i : (List<Map<String, Object>>) r.getOrDefault("parse_issues", List.of())) {
            err().println("line " + i.get("line") + " [" + i.get("section") + "] " + i.get("severity") + ": "
                    + i.get("message"));
        }
        for (Map<String, Object> u : (List<Map<String, Object>>) r.getOrDefault("unresolved_references",
                List.of())) {
            err().println("line " + u.get("line") + ": unresolved " + u.get("kind") + " reference '"
                    + u.get("reference") + "' (not linked)");
        }
        for (String e : (List<String>) r.getOrDefault("errors", List.of())) {
            err().println("error: " + e);
        }
        err().flush();
    }
}
