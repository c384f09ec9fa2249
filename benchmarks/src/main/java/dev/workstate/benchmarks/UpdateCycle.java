package dev.workstate.benchmarks;

import dev.workstate.Workstate;
import dev.workstate.model.WorkItem;
import dev.workstate.service.WorkItemUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned title (or status) updates of a fixed set of work items, round robin, remembering each item's current
 * version so every update succeeds: the one write loop the update benchmarks share.
 *
 * <p>Not thread-safe: one instance per benchmark thread.
 */
final class UpdateCycle {
    private final List<String> ids;
    private final long[] versions;
    private int next;

    private UpdateCycle(List<String> ids, long[] versions) {
        this.ids = List.copyOf(ids);
        this.versions = versions;
    }

    /** Cycles over existing items, reading their current versions once. */
    static UpdateCycle over(Workstate ws, List<String> ids) {
        long[] versions = new long[ids.size()];
        for (int i = 0; i < versions.length; i++) {
            versions[i] = ws.workItems().get(ids.get(i)).version();
        }
        return new UpdateCycle(ids, versions);
    }

    /** Creates {@code count} root tasks titled {@code prefix + n} and cycles over them. */
    static UpdateCycle createTasks(Workstate ws, int count, String prefix) {
        List<String> ids = new ArrayList<>(count);
        long[] versions = new long[count];
        for (int i = 0; i < count; i++) {
            WorkItem w = ws.workItems().create(BenchData.newTask(prefix + i));
            ids.add(w.id().toString());
            versions[i] = w.version();
        }
        return new UpdateCycle(ids, versions);
    }

    List<String> ids() {
        return ids;
    }

    /**
     * Moves the next item between {@code active} and {@code blocked} at its known version: a change of status only,
     * the commonest write of agents working through a plan (no indexed text changes).
     */
    WorkItem updateStatus(Workstate ws) {
        return advance(ws, (b, n) -> b.status(n % 2 == 1 ? "blocked" : "active"));
    }

    /** Updates the next item's title to {@code titlePrefix + n} at its known version. */
    WorkItem update(Workstate ws, String titlePrefix) {
        return advance(ws, (b, n) -> b.title(titlePrefix + n));
    }

    /** Applies {@code change} (given the item's known version) to the next item and remembers its new version. */
    private WorkItem advance(Workstate ws, java.util.function.BiConsumer<WorkItemUpdate.Builder, Long> change) {
        int i = next++ % ids.size();
        WorkItemUpdate.Builder b = WorkItemUpdate.builder(ids.get(i), versions[i]).updatedBy("bench");
        change.accept(b, versions[i]);
        WorkItem w = ws.workItems().update(b.build());
        versions[i] = w.version();
        return w;
    }
}
