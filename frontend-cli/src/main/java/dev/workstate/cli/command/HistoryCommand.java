package dev.workstate.cli.command;

import dev.workstate.cli.output.Table;
import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code workstate history ID}: a work item's audit trail, oldest first.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "history", description = "Show the audit trail of a work item, oldest first.")
public final class HistoryCommand extends BaseCommand {
    private static final Set<String> NOISE = Set.of("version", "updated_at", "updated_by");

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    protected int execute() {
        List<AuditEvent> events = ws().workItems().history(id);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entity_id", id);
        json.put("events", events);
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
        });
        return 0;
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
