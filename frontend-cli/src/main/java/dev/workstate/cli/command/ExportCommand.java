package dev.workstate.cli.command;

import dev.workstate.cli.output.ProgressBar;
import dev.workstate.migration.StoreTransfer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstate export --format markdown|json --output DIR}: writes the whole store (ids, versions, timestamps,
 * claims, links, configuration, audit log) as a JSON dump or as a markdown-store directory.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "export", description = {"Export the whole store losslessly into an empty or new directory.",
    "json: one file per entity kind; markdown: a markdown-store directory (one file per record)."})
public final class ExportCommand extends BaseCommand {
    /** The dump formats. */
    public enum Format { json, markdown }

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "json or markdown.")
    Format format;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Target directory (empty or new).")
    Path output;

    @Override
    protected int execute() {
        StoreTransfer transfer = new StoreTransfer();
        Map<String, Object> counts;
        try (ProgressBar bar = ProgressBar.onStderr(err(), "exporting", 0)) {
            StoreTransfer.Progress progress = (phase, done, total) -> {
                bar.total(total);
                bar.advanceTo(done);
            };
            counts = format == Format.json ? transfer.exportJson(ws().store(), output, progress)
                    : transfer.exportMarkdown(ws().store(), output, progress);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", true);
        result.put("format", format.name());
        result.put("output", output.toString());
        result.put("counts", counts);
        emit(result, () -> out().println("exported " + counts + " as " + format + " to " + output));
        return 0;
    }
}
