package dev.workstate.cli.command;

import dev.workstate.chain.ChainStore;
import dev.workstate.cli.output.ProgressBar;
import dev.workstate.cli.output.Table;
import dev.workstate.internal.Json;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.SyncConflict;
import dev.workstate.service.SyncReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstate sync}: replays queued writes into the higher storage layers now ({@code sync}), shows each layer's
 * health, outbox and conflicts ({@code sync --status}), or resolves a conflict ({@code sync --resolve ID --keep
 * mine|theirs}).
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "sync", description = {"Replay queued writes into higher storage layers, show sync status, or resolve "
        + "a conflict.",
    "Without options: probe the layers, replay every outbox in order and refresh the lower layers.",
    "Conflicts keep both sides until resolved: --keep mine writes the queued record over the current one, "
        + "--keep theirs drops the queued change."})
public final class SyncCommand extends BaseCommand {
    @Option(names = "--status", description = "Show each layer's health, pending outbox and open conflicts.")
    boolean status;
    @Option(names = "--resolve", paramLabel = "ID", description = "Resolve the conflict ID (needs --keep).")
    String resolve;
    @Option(names = "--keep", paramLabel = "SIDE", description = "mine | theirs (with --resolve).")
    String keep;

    @Override
    protected int execute() {
        if (status && resolve != null) {
            throw usage("--status and --resolve cannot be combined");
        }
        if (keep != null && resolve == null) {
            throw usage("--keep needs --resolve ID");
        }
        if (resolve != null) {
            if (keep == null) {
                throw usage("--resolve needs --keep mine|theirs");
            }
            SyncConflict c = ws().storage().resolve(resolve, keep);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("resolved", conflictView(c));
            result.put("kept", keep);
            emit(result, () -> out().println("resolved conflict " + c.id() + " on " + c.entityType() + " "
                    + c.entityId() + ": kept " + keep));
            return 0;
        }
        if (status) {
            StorageStatus st = ws().storage().status();
            List<SyncConflict> conflicts = ws().storage().conflicts();
            Map<String, Object> result = new LinkedHashMap<>(Json.toMap(st));
            result.put("conflicts", conflicts.stream().map(SyncCommand::conflictView).toList());
            emit(result, () -> printStatus(st, conflicts));
            return 0;
        }
        SyncReport report;
        if (ws().store() instanceof ChainStore chain) {
            try (ProgressBar bar = ProgressBar.onStderr(err(), "replaying", 0)) {
                report = chain.sync((done, total) -> {
                    bar.total(total);
                    bar.advanceTo(done);
                });
            }
        } else {
            report = ws().storage().sync();
        }
        SyncReport r = report;
        emit(r, () -> {
            out().println("replayed " + r.replayed() + ", conflicts " + r.conflicts() + ", still queued "
                    + r.remaining());
            r.notes().forEach(n -> out().println("  " + n));
        });
        return 0;
    }

    private void printStatus(StorageStatus st, List<SyncConflict> conflicts) {
        Table t = new Table("LAYER", "HEALTHY", "LAST CHECK", "OUTBOX", "UNMIRRORED", "JOURNALED", "REASON");
        for (StorageStatus.Layer l : st.layers()) {
            t.row(l.name() + (l.name().equals(st.primary()) ? " *" : ""), l.healthy() ? "yes" : "no",
                    l.lastCheckAt() == null ? "-" : l.lastCheckAt().toString(), l.pendingOutbox(), l.unmirrored(),
                    l.journaled(), l.reason() == null ? "" : l.reason());
        }
        t.print(out());
        out().println("primary: " + (st.primary() == null ? "none" : st.primary()) + "   pending: "
                + st.pendingOutbox() + "   conflicts: " + st.openConflicts() + "   last sync: "
                + (st.lastSyncAt() == null ? "never" : st.lastSyncAt().toString()));
        for (SyncConflict c : conflicts) {
            out().println();
            out().println("conflict " + c.id() + "  " + c.entityType() + " " + c.entityId() + "  base version "
                    + c.baseVersion() + ", theirs " + c.theirVersion() + "  (detected " + c.detectedAt() + ")");
            out().println("  mine:   " + c.mine());
            out().println("  theirs: " + c.theirs());
            out().println("  resolve: workstate sync --resolve " + c.id() + " --keep mine|theirs");
        }
    }

    /** A conflict for JSON output: both sides as JSON objects, without the internal mutation value. */
    static Map<String, Object> conflictView(SyncConflict c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().toString());
        m.put("entity_type", c.entityType());
        m.put("entity_id", c.entityId());
        m.put("base_version", c.baseVersion());
        m.put("their_version", c.theirVersion());
        m.put("detected_at", c.detectedAt() == null ? null : c.detectedAt().toString());
        m.put("mine", parse(c.mine()));
        m.put("theirs", parse(c.theirs()));
        return m;
    }

    private static Object parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, Object.class);
        } catch (RuntimeException e) {
            return json;
        }
    }
}
