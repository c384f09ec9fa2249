package dev.workstate.cli.command;

import dev.workstate.internal.Json;
import dev.workstate.service.StatusReportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstate status}: the project status report (markdown or JSON), printed or written to a file.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "status", description = {"Generate the project status report.",
    "The same data gives byte-identical output; --at fixes the timestamp so the report can be committed."})
public final class StatusCommand extends BaseCommand {
    @Option(names = "--format", paramLabel = "FORMAT", description = "markdown (default) | json")
    String format;
    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    String output;
    @Option(names = "--at", paramLabel = "ISO", description = "Report timestamp, ISO-8601 (default now).")
    String at;

    @Override
    protected int execute() {
        StatusReportResult r = ws().reports().generate(format, at, output);
        emit(r, () -> {
            if (output != null) {
                out().println("wrote " + r.format() + " report to " + (r.writtenTo() != null ? r.writtenTo() : output));
            } else if (r.markdown() != null) {
                out().print(r.markdown().endsWith("\n") ? r.markdown() : r.markdown() + "\n");
            } else {
                out().println(Json.writePretty(r.report()));
            }
        });
        return 0;
    }
}
