package dev.workstate.cli.command;

import dev.workstate.cli.output.ProgressBar;
import dev.workstate.migration.StoreSnapshot;
import dev.workstate.migration.StoreTransfer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstate import DIR}: imports a JSON dump or a markdown-store directory (detected) into the configured store
 * in one transaction. Refuses a non-empty store unless {@code --merge}, which adds what is new and reports conflicts
 * (same id, different content) without overwriting; exit code 5 when conflicts were reported.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "import", description = {"Import a JSON export or a markdown-store directory into the store.",
    "The store must be empty unless --merge; a merge never overwrites: conflicts are reported (exit code 5)."})
public final class ImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory written by 'export' (json or markdown).")
    Path dir;

    @Option(names = "--merge", description = "Import into a non-empty store: add what is new, report conflicts.")
    boolean merge;

    @Option(names = "--dry-run", description = "Check and count, then roll back: nothing is written.")
    boolean dryRun;

    @Override
    @SuppressWarnings("unchecked")
    protected int execute() {
        StoreTransfer transfer = new StoreTransfer();
        String format = StoreTransfer.detectFormat(dir);
        Map<String, Object> report;
        try (ProgressBar bar = ProgressBar.onStderr(err(), "importing", 0)) {
            StoreTransfer.Progress progress = (phase, done, total) -> {
                bar.total(total);
                bar.advanceTo(done);
            };
            StoreSnapshot snapshot = transfer.readDirectory(dir, progress);
            report = transfer.write(snapshot, ws().store(), new StoreTransfer.Options(merge, dryRun, progress));
        }
        report.put("format", format);
        List<Map<String, Object>> conflicts = (List<Map<String, Object>>) report.get("conflicts");
        Map<String, Object> r = report;
        emit(report, () -> {
            out().println((dryRun ? "dry run: would import " : "imported ") + r.get("imported") + " from " + format
                    + (merge ? " (merge; identical skipped: " + r.get("skipped_identical") + ")" : ""));
            for (Map<String, Object> c : conflicts) {
                err().println("conflict: " + c.get("entity_type") + " " + c.get("id") + ": " + c.get("reason"));
            }
            err().flush();
        });
        return conflicts.isEmpty() ? 0 : 5;
    }
}
