package dev.workstate.mcp.tool;

import static dev.workstate.mcp.tool.Param.bool;
import static dev.workstate.mcp.tool.Param.oneOf;
import static dev.workstate.mcp.tool.Param.string;

import dev.workstate.internal.Json;
import dev.workstate.service.StatusReportResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report, migration and storage tools: generate the status report, import a legacy {@code .project_status.md},
 * and show storage health, outbox and conflicts.
 *
 * <p>A markdown report longer than the result budget is cut at a line boundary with a closing note and
 * {@code truncated: true}; {@code write_path} always receives the whole report, so a big store's report is read from
 * that file (or with the CLI's {@code workstate status}).
 *
 * <p>Stateless; thread-safe.
 */
public final class AdminTools {
    /** Markdown kept in a result: the budget minus room for the JSON envelope, escaping and the note. */
    static final int MARKDOWN_BUDGET = ResultBudget.MAX_CHARS - 3_000;

    private AdminTools() {
    }

    public static List<ToolDef> all() {
        return List.of(report(), migrate(), storageStatus());
    }

    static ToolDef report() {
        return ToolDef.destructive("generate_status_report",
                "Generate the project status report (vendors, active work items, recent deployments, enhancements)"
                        + " as markdown or json; write_path also writes it to that file (overwriting).",
                List.of(oneOf("format", List.of("markdown", "json")).desc("default markdown"),
                        string("at").desc("ISO-8601 instant for the timestamp; default now"),
                        string("write_path").maxLength(4096)),
                Out.requiring("format"),
                (a, c) -> fitReport(c.ws().reports().generate(a.string("format"), a.string("at"),
                        a.string("write_path"))));
    }

    static Object fitReport(StatusReportResult result) {
        String markdown = result.markdown();
        if (markdown == null || Json.write(markdown).length() <= MARKDOWN_BUDGET) {
            return result;
        }
        int cut = markdown.lastIndexOf('\n', MARKDOWN_BUDGET);
        while (cut > 0 && Json.write(markdown.substring(0, cut)).length() > MARKDOWN_BUDGET) {
            cut = markdown.lastIndexOf('\n', cut - 1);
        }
        cut = Math.max(cut, 0);
        String note = "\n\n_… report truncated: " + cut + " of " + markdown.length() + " characters shown. Pass"
                + " write_path to get the whole report in a file._\n";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", result.format());
        out.put("markdown", markdown.substring(0, cut) + note);
        out.put("truncated", true);
        out.put("total_chars", markdown.length());
        if (result.writtenTo() != null) {
            out.put("written_to", result.writtenTo());
        }
        return out;
    }

    static ToolDef migrate() {
        return ToolDef.change("migrate_legacy_status",
                "Import a legacy .project_status.md: validate, write in one transaction, reconcile; any failure"
                        + " rolls back and leaves the file untouched. dry_run reports without writing.",
                List.of(string("path").required().maxLength(4096), bool("dry_run")),
                Out.requiring("success"),
                (a, c) -> c.ws().migration().migrate(a.string("path"), a.flag("dry_run", false), false));
    }

    static ToolDef storageStatus() {
        return ToolDef.query("storage_status",
                "Storage layers' health, the primary layer, queued writes and open sync conflicts.",
                List.of(), Out.requiring("layers"),
                (a, c) -> c.ws().storage().status());
    }
}
