package dev.workstate.cli.command;

import dev.workstate.cli.output.Fields;
import dev.workstate.cli.output.Tree;
import dev.workstate.internal.Json;
import dev.workstate.model.Dependency;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.service.WorkItemView;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shared human renderings of work items: one-line labels, the detail block and hierarchy trees.
 *
 * <p>Stateless; thread-safe.
 */
final class Render {
    private Render() {
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    /** {@code Title [task, active] id}, plus markers for claims, deletion and archive. */
    static String label(WorkItemSummary s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.title()).append("  [").append(s.itemType()).append(", ").append(s.status()).append("] ")
                .append(s.id());
        if (s.claimedBy() != null) {
            sb.append("  (claimed by ").append(s.claimedBy()).append(')');
        }
        if (s.deletedAt() != null) {
            sb.append("  (deleted)");
        }
        return sb.toString();
    }

    static String label(WorkItem w) {
        String l = label(WorkItemSummary.of(w));
        return w.archivedAt() != null ? l + "  (archived)" : l;
    }

    static void details(PrintWriter out, WorkItem w) {
        Fields f = new Fields()
                .add("id", w.id())
                .add("type", w.itemType())
                .add("title", w.title())
                .add("status", w.status())
                .add("version", w.version())
                .add("parent", w.parentId())
                .add("path", w.path())
                .add("depth", w.depth())
                .add("description", w.description())
                .add("branch", w.branchName())
                .add("commit", w.commitHash())
                .add("pr", w.prNumber())
                .add("metadata", w.metadata() == null || w.metadata().isEmpty() ? null : Json.write(w.metadata()));
        if (w.claimedBy() != null) {
            f.add("claimed by", w.claimedBy() + (w.claimExpiresAt() == null ? "" : " until " + w.claimExpiresAt()));
        }
        f.add("created", time(w.createdAt()) + " by " + w.createdBy())
                .add("updated", time(w.updatedAt()) + " by " + w.updatedBy())
                .add("deleted", time(w.deletedAt()))
                .add("archived", time(w.archivedAt()));
        f.print(out);
    }

    /** Prints the item's subtree (the item as root) from a hierarchy view. */
    static void subtree(PrintWriter out, WorkItemSummary root, List<WorkItemSummary> descendants) {
        Map<UUID, List<WorkItemSummary>> byParent = new LinkedHashMap<>();
        for (WorkItemSummary d : descendants) {
            byParent.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d);
        }
        Tree.print(out, List.of(root), s -> byParent.getOrDefault(s.id(), List.of()), Render::label);
    }

    /** Ancestors (root first) then the item and its descendants, as one indented tree. */
    static void hierarchy(PrintWriter out, WorkItemView v) {
        WorkItemSummary self = WorkItemSummary.of(v.item());
        List<WorkItemSummary> ancestors = v.ancestors() == null ? List.of() : v.ancestors();
        List<WorkItemSummary> descendants = v.descendants() == null ? List.of() : v.descendants();
        List<WorkItemSummary> chain = new ArrayList<>(ancestors);
        chain.add(self);
        Map<UUID, List<WorkItemSummary>> byParent = new LinkedHashMap<>();
        for (int i = 1; i < chain.size(); i++) {
            byParent.put(chain.get(i - 1).id(), List.of(chain.get(i)));
        }
        for (WorkItemSummary d : descendants) {
            byParent.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d);
        }
        Tree.print(out, List.of(chain.get(0)), s -> byParent.getOrDefault(s.id(), List.of()),
                s -> s.id().equals(self.id()) ? label(s) + "  <==" : label(s));
    }

    /** One line per link, phrased from {@code self}'s point of view. */
    static void dependencies(PrintWriter out, UUID self, List<Dependency> deps) {
        for (Dependency d : deps) {
            out.println("  " + phrase(self, d));
        }
    }

    static String phrase(UUID self, Dependency d) {
        boolean source = d.sourceId().equals(self);
        String other = String.valueOf(source ? d.targetId() : d.sourceId());
        return switch (d.dependencyType()) {
            case BLOCKS -> source ? "blocks " + other : "blocked by " + other;
            case DEPENDS_ON -> source ? "depends on " + other : "needed by " + other;
        };
    }
}
