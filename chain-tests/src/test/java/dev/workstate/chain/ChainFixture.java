package dev.workstate.chain;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.Page;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Store;
import dev.workstate.port.WorkItemFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Helpers shared by the chain tests: a comparable snapshot of everything a layer holds.
 *
 * <p>Stateless; thread-safe.
 */
final class ChainFixture {
    private ChainFixture() {
    }

    /** Every work item (deleted and archived too), by id. */
    static Map<String, WorkItem> items(Store s) {
        WorkItemFilter all = new WorkItemFilter(null, null, null, false, false, null, true, true, null,
                Instant.now(), 100_000, 0);
        Map<String, WorkItem> out = new TreeMap<>();
        for (WorkItem w : s.workItems().list(all).items()) {
            out.put(w.id().toString(), w);
        }
        return out;
    }

    static Map<String, Vendor> vendors(Store s) {
        Map<String, Vendor> out = new TreeMap<>();
        Page<Vendor> p = s.vendors().list(null, 100_000, 0);
        for (Vendor v : p.items()) {
            out.put(v.id().toString(), v);
        }
        return out;
    }

    static List<String> dependencies(Store s) {
        List<String> out = new ArrayList<>();
        for (WorkItem w : items(s).values()) {
            for (Dependency d : s.workItems().dependenciesOf(w.id())) {
                if (d.sourceId().equals(w.id())) {
                    out.add(d.sourceId() + ">" + d.targetId() + ":" + d.dependencyType());
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Audit event ids, sorted (append order differs between layers after a replay). */
    static List<String> auditIds(Store s) {
        List<String> out = new ArrayList<>();
        for (AuditEvent e : s.audit().all(1_000_000, 0)) {
            out.add(e.id().toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Everything compared between layers: items, vendors, dependencies, audit ids. */
    static String snapshot(Store s) {
        // the configuration row is created per layer on first open, so it is compared only where a test changes it
        return "items=" + items(s) + "\nvendors=" + vendors(s) + "\ndeps=" + dependencies(s) + "\naudit="
                + auditIds(s);
    }
}
