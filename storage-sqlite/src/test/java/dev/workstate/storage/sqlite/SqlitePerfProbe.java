package dev.workstate.storage.sqlite;

import dev.workstate.model.Ids;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Mutation;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.storage.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store-level timing probe on 12 000 items (not part of the suite: no Test suffix). Run it with
 * {@code ./mvnw -o -pl storage-sqlite test -Dtest=SqlitePerfProbe -Dsurefire.jvm.args="-Xmx1g -Dperf.cpu=true"};
 * {@code -Dperf.dir=DIR} only builds the dataset there (for EXPLAIN QUERY PLAN). Not thread-safe.
 */
class SqlitePerfProbe {
    @TempDir
    Path dir;

    static void time(String name, int n, IntConsumer op) {
        for (int i = 0; i < Math.min(n, 200); i++) {
            op.accept(i);
        }
        long[] t = new long[n];
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpu = Boolean.getBoolean("perf.cpu");
        for (int i = 0; i < n; i++) {
            long s = cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime();
            op.accept(i);
            t[i] = (cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - s;
        }
        Arrays.sort(t);
        System.err.printf("PERF %-28s p50 %8.1f us  p95 %8.1f us  p99 %8.1f us%n", name, t[n / 2] / 1e3,
                t[(int) (n * 0.95)] / 1e3, t[(int) (n * 0.99)] / 1e3);
    }

    @Test
    void probe() {
        try (JdbcStore store = SqliteStore.open(Path.of(System.getProperty("perf.dir", dir.toString())).resolve("workstate.db"))) {
            List<WorkItem> leaves = new ArrayList<>();
            List<WorkItem> roots = new ArrayList<>();
            Instant t = StoreFixtures.T0;
            store.inTransaction(() -> {
                int made = 0;
                while (made < 12000) {
                    WorkItem r = StoreFixtures.root("project " + made);
                    store.apply(new Mutation.InsertWorkItem(r));
                    roots.add(r);
                    made++;
                    WorkItem p = r;
                    for (int d = 1; d <= 5 && made < 12000; d++) {
                        for (int k = 0; k < 3 && made < 12000; k++) {
                            WorkItem c = StoreFixtures.child(p, "task " + made + " alpha beta").toBuilder()
                                    .updatedAt(t.plusMillis(made)).build();
                            store.apply(new Mutation.InsertWorkItem(c));
                            made++;
                            if (k == 2) {
                                p = c;
                            }
                            if (d == 5) {
                                leaves.add(c);
                            }
                        }
                    }
                }
                for (int i = 0; i < 450; i++) {
                    store.apply(new Mutation.InsertVendor(new Vendor(Ids.newId(), 1, "Vendor " + i,
                            VendorStatus.BROKEN, "1.0.0", VendorMetadata.DEFAULTS, t, t, "t", "t")));
                }
                return null;
            });
            System.err.println("PERF items " + store.workItems().count());
            if (System.getProperty("perf.dir") != null) { return; }
            time("descendants(root)", 2000, i -> store.workItems().descendants(roots.get(i % roots.size()).path(), 5,
                    false, false));
            time("ancestors+descendants", 2000, i -> {
                WorkItem leaf = leaves.get(i % leaves.size());
                List<UUID> ids = Arrays.stream(leaf.path().split("/")).filter(s -> !s.isEmpty()).map(UUID::fromString)
                        .toList();
                store.workItems().getAll(ids);
                store.workItems().descendants(roots.get(i % roots.size()).path(), 5, false, false);
            });
            time("get", 5000, i -> store.workItems().get(leaves.get(i % leaves.size()).id()));
            time("vendor findByName", 5000, i -> store.vendors().findByName("vendor " + (i % 450)));
            time("create+audit", 2000, i -> {
                WorkItem w = StoreFixtures.root("new " + i);
                store.inTransaction(() -> {
                    store.apply(new Mutation.InsertWorkItem(w));
                    store.apply(new Mutation.AppendAudit(StoreFixtures.audit(w, "create")));
                    return null;
                });
            });
            time("update+audit", 2000, i -> {
                WorkItem cur = store.workItems().get(leaves.get(i % leaves.size()).id()).orElseThrow();
                WorkItem next = cur.toBuilder().version(cur.version() + 1).title("u" + i).build();
                store.inTransaction(() -> {
                    store.apply(new Mutation.UpdateWorkItem(next, cur.version()));
                    store.apply(new Mutation.AppendAudit(StoreFixtures.audit(next, "update")));
                    return null;
                });
            });
            time("list 50 newest", 1000, i -> store.workItems().list(new WorkItemFilter(null, null, null, false, false,
                    null, false, false, null, t, 50, 0)));
            time("list 50 status+type", 1000, i -> store.workItems().list(new WorkItemFilter(
                    dev.workstate.model.ItemType.TASK, WorkItemStatus.ACTIVE, null, false, false, null, false, false,
                    null, t, 50, 0)));
            time("ready view 50", 500, i -> store.workItems().list(new WorkItemFilter(null, null, null, false, true,
                    null, false, false, "me", t, 50, 0)));
            time("search top 50", 500, i -> store.workItems().list(new WorkItemFilter(null, null, null, false, false,
                    "alpha task", false, false, null, t, 50, 0)));
            time("search rare", 500, i -> store.workItems().list(new WorkItemFilter(null, null, null, false, false,
                    "project " + (i % 1000), false, false, null, t, 50, 0)));
        }
    }
}
