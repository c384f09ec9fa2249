package dev.workstate.cli.command;

import dev.workstate.service.ArchiveResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstate archive}: archives completed work items whose last change is older than a number of days.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "archive", description = {"Archive completed work items not changed for DAYS days.",
    "Archived items keep every field; list them with 'item list --include-archived'."})
public final class ArchiveCommand extends BaseCommand {
    @Option(names = "--older-than", paramLabel = "DAYS", description = "Age in days of the last change (default 365).")
    Integer olderThan;

    @Override
    protected int execute() {
        ArchiveResult r = ws().workItems().archive(olderThan, by());
        emit(r, () -> out().println("archived " + r.archivedCount() + " completed work item"
                + (r.archivedCount() == 1 ? "" : "s") + " last changed before " + r.cutoff()));
        return 0;
    }
}
