package dev.workstate.cli.command;

import dev.workstate.cli.GitFileHistory;
import dev.workstate.cli.output.Table;
import dev.workstate.error.Validator;
import dev.workstate.internal.Checks;
import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code workstate history ID}: a work item's audit trail, oldest first, followed by the committed versions of its
 * markdown file when the markdown directory lies inside a git work tree (read through {@link GitFileHistory}).
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "history", description = {"Show the audit trail of a work item, oldest first.",
        "Inside a git work tree, also list the committed versions of its markdown file, newest first (read-only)."})
public final class HistoryCommand extends BaseCommand {
    private static final Set<String> NOISE = Set.of("version", "updated_at", "updated_by");

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    protected int execute() {
        // Validated before anything else: only a parsed UUID ever reaches a path or a git argument.
        Validator check = new Validator();
        UUID uuid = Checks.uuid(check, "id", id);
        check.throwIfInvalid();
        List<AuditEvent> events = ws().workItems().history(id);
        GitFileHistory.Result git = new GitFileHistory().workItem(markdownDir(), uuid);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entity_id", id);
        json.put("events", events);
        json.put("git", git.state());
        json.put("git_versions", git.versions());
        emit(json, () -> {
            Table t = new Table("at", "actor", "operation", "v", "changed");
            for (AuditEvent e : events) {
                Map<String, Object> before = parse(e.before());
                Map<String, Object> after = parse(e.after());
                Object v = after != null ? after.get("version") : before != null ? before.get("version") : null;
                t.row(e.at(), e.actor(), e.operation(), v, changed(before, after));
            }
            t.print(out());
            out().println(events.size() + " event" + (events.size() == 1 ? "" : "s"));
            printGit(git);
        });
        return 0;
    }

    /** Where the markdown layer keeps its files: the same rule as the markdown storage provider. */
    private Path markdownDir() {
        String dir = ws().config().extra().get("x.markdown.dir");
        return dir == null || dir.isBlank() ? ws().config().dataDir().resolve("markdown") : Path.of(dir);
    }

    private void printGit(GitFileHistory.Result git) {
        if (GitFileHistory.NO_MARKDOWN_DIRECTORY.equals(git.state())) {
            return; // the markdown layer is not in use: nothing to say
        }
        out().println();
        if (git.versions().isEmpty()) {
            out().println("git: " + git.state());
            return;
        }
        out().println("Committed versions (git, newest first):");
        Table t = new Table("commit", "committed", "author", "v", "status", "title", "updated by", "updated at");
        for (GitFileHistory.Version c : git.versions()) {
            if (c.deleted()) {
                t.row(c.commit(), c.committedAt(), c.author(), "", "(file deleted)", "", "", "");
            } else {
                t.row(c.commit(), c.committedAt(), c.author(), c.version(), c.status(), c.title(), c.updatedBy(),
                        c.updatedAt());
            }
        }
        t.print(out());
        out().println(git.versions().size() + " committed version" + (git.versions().size() == 1 ? "" : "s"));
    }

    private static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return Json.parseObject("audit", json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The fields that differ between the images, without the bookkeeping ones. */
    static String changed(Map<String, Object> before, Map<String, Object> after) {
        if (before == null || after == null) {
            return "";
        }
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!NOISE.contains(k) && !Objects.equals(before.get(k), after.get(k))) {
                out.add(k);
            }
        }
        return String.join(", ", out);
    }
}
