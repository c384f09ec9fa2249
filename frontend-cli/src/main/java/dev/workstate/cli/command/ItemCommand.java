package dev.workstate.cli.command;

import dev.workstate.cli.output.Table;
import dev.workstate.internal.Json;
import dev.workstate.model.Dependency;
import dev.workstate.model.Page;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.service.ClaimResult;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemService;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.service.WorkItemView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstate item ...}: create, change, show, list and link hierarchical work items, and claim them.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "item", description = "Create, change, query and claim work items.",
        subcommands = {ItemCommand.Create.class, ItemCommand.Update.class, ItemCommand.Show.class,
            ItemCommand.ListItems.class, ItemCommand.TreeCmd.class, ItemCommand.Link.class, ItemCommand.Delete.class,
            ItemCommand.Restore.class, ItemCommand.Claim.class})
public final class ItemCommand extends GroupCommand {

    static final Set<String> CLEARABLE = Set.of("description", "parent", "branch", "commit", "pr");

    /** Reads the item's current version when the user did not pin one (an unchecked, read-then-write update). */
    static long versionOf(WorkItemService items, String id, Long given) {
        return given != null ? given : items.get(id).version();
    }

    /** {@code item create}. */
    @Command(name = "create", description = "Create a work item; prints it (its id is what later commands take).")
    static final class Create extends BaseCommand {
        @Option(names = "--type", required = true, paramLabel = "TYPE",
                description = "project | session | task | research")
        String type;
        @Option(names = "--title", required = true, description = "1-200 characters.")
        String title;
        @Option(names = "--description", description = "Up to 10 000 characters.")
        String description;
        @Option(names = "--parent", paramLabel = "ID", description = "Parent item id (depth at most 5).")
        String parent;
        @Option(names = "--meta-json", paramLabel = "JSON",
                description = "Metadata object for the type, e.g. '{\"estimated_hours\": 3}'.")
        String metaJson;
        @Option(names = "--status", description = "active (default) | completed | blocked")
        String status;
        @Option(names = "--branch", paramLabel = "NAME", description = "Git branch (at most 100 characters).")
        String branch;
        @Option(names = "--commit", paramLabel = "SHA", description = "Commit hash (40 lowercase hex).")
        String commit;
        @Option(names = "--pr", paramLabel = "N", description = "Pull request number (at least 1).")
        Integer pr;

        @Override
        protected int execute() {
            Map<String, Object> metadata = metaJson == null ? null : Json.parseObject("metadata", metaJson);
            WorkItem created = ws().workItems().create(new NewWorkItem(type, title, description, metadata, parent,
                    status, branch, commit, pr, by()));
            emit(created, () -> {
                out().println("created " + created.itemType() + " " + created.id() + " (version "
                        + created.version() + ")");
                Render.details(out(), created);
            });
            return 0;
        }
    }

    /** {@code item update}. */
    @Command(name = "update", description = {"Change fields of a work item.",
        "With --version the change applies only if the item is still at that version (else exit 5); without it the "
                + "current version is read first."})
    static final class Update extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = "--version", paramLabel = "N", description = "Expected current version (optimistic lock).")
        Long version;
        @Option(names = "--title")
        String title;
        @Option(names = "--description")
        String description;
        @Option(names = "--status", description = "active | completed | blocked")
        String status;
        @Option(names = "--meta-json", paramLabel = "JSON", description = "Replaces the metadata object.")
        String metaJson;
        @Option(names = "--parent", paramLabel = "ID", description = "Move the item (and its subtree) under ID.")
        String parent;
        @Option(names = "--branch", paramLabel = "NAME")
        String branch;
        @Option(names = "--commit", paramLabel = "SHA")
        String commit;
        @Option(names = "--pr", paramLabel = "N")
        Integer pr;
        @Option(names = "--clear", split = ",", paramLabel = "FIELD",
                description = "Clear fields: description, parent (move to the root), branch, commit, pr.")
        List<String> clear = new ArrayList<>();

        @Override
        protected int execute() {
            for (String c : clear) {
                if (!CLEARABLE.contains(c)) {
                    throw usage("--clear takes description, parent, branch, commit or pr; got '" + c + "'");
                }
            }
            WorkItemService items = ws().workItems();
            Map<String, Object> metadata = metaJson == null ? null : Json.parseObject("metadata", metaJson);
            WorkItemUpdate.Builder b = WorkItemUpdate.builder(id, versionOf(items, id, version)).updatedBy(by());
            if (title != null) {
                b.title(title);
            }
            if (description != null || clear.contains("description")) {
                b.description(description);
            }
            if (status != null) {
                b.status(status);
            }
            if (metadata != null) {
                b.metadata(metadata);
            }
            if (parent != null || clear.contains("parent")) {
                b.parentId(parent);
            }
            if (branch != null || clear.contains("branch")) {
                b.branchName(branch);
            }
            if (commit != null || clear.contains("commit")) {
                b.commitHash(commit);
            }
            if (pr != null || clear.contains("pr")) {
                b.prNumber(pr);
            }
            WorkItem updated = items.update(b.build());
            emit(updated, () -> {
                out().println("updated " + updated.id() + " (version " + updated.version() + ")");
                Render.details(out(), updated);
            });
            return 0;
        }
    }

    /** {@code item show}. */
    @Command(name = "show", description = "Show one work item with its dependencies (and hierarchy on request).")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = "--hierarchy", description = "Include ancestors (root first) and descendants.")
        boolean hierarchy;
        @Option(names = "--max-depth", paramLabel = "N", description = "Levels of descendants, 1-5 (default 5).")
        Integer maxDepth;
        @Option(names = "--include-deleted", description = "Include soft-deleted ancestors and descendants.")
        boolean includeDeleted;

        @Override
        protected int execute() {
            WorkItemView v = ws().workItems().query(id, hierarchy, true, maxDepth, includeDeleted);
            emit(v, () -> {
                Render.details(out(), v.item());
                if (v.ready() != null) {
                    out().println("ready      " + v.ready());
                }
                if (v.dependencies() != null && !v.dependencies().isEmpty()) {
                    out().println("dependencies:");
                    Render.dependencies(out(), v.item().id(), v.dependencies());
                }
                if (hierarchy) {
                    out().println("hierarchy:");
                    Render.hierarchy(out(), v);
                }
            });
            return 0;
        }
    }

    /** {@code item list}. */
    @Command(name = "list", description = "List work items, newest change first, with filters and paging.")
    static final class ListItems extends BaseCommand {
        @Option(names = "--type", description = "project | session | task | research")
        String type;
        @Option(names = "--status", description = "active | completed | blocked")
        String status;
        @Option(names = "--parent", paramLabel = "ID", description = "Only direct children of ID.")
        String parent;
        @Option(names = "--root-only", description = "Only items without a parent.")
        boolean rootOnly;
        @Option(names = "--ready", description = "Only items ready to work on (nothing they wait on is open).")
        boolean ready;
        @Option(names = "--query", paramLabel = "TEXT", description = "Full-text search in title, description and "
                + "metadata (ranked).")
        String query;
        @Option(names = "--include-deleted")
        boolean includeDeleted;
        @Option(names = "--include-archived")
        boolean includeArchived;
        @Option(names = "--limit", paramLabel = "N", description = "1-100 (default 50).")
        Integer limit;
        @Option(names = "--offset", paramLabel = "N", description = "At least 0 (default 0).")
        Integer offset;
        @Option(names = "--full", description = "With --json, full items instead of summaries.")
        boolean full;

        @Override
        protected int execute() {
            Page<WorkItem> page = ws().workItems().list(new WorkItemQuery(type, status, parent, rootOnly, ready, query,
                    includeDeleted, includeArchived, limit, offset, by() != null ? by() : ws().config().client()));
            Object json = full ? page : page.map(WorkItemSummary::of);
            emit(json, () -> {
                Table t = new Table("id", "type", "status", "v", "updated", "title");
                for (WorkItem w : page.items()) {
                    String title = w.title() + (w.claimedBy() != null ? "  (claimed by " + w.claimedBy() + ")" : "")
                            + (w.deletedAt() != null ? "  (deleted)" : "")
                            + (w.archivedAt() != null ? "  (archived)" : "");
                    t.row(w.id(), w.itemType(), w.status(), w.version(), Render.time(w.updatedAt()), title);
                }
                t.print(out());
                out().println(footer(page));
            });
            return 0;
        }
    }

    static String footer(Page<?> page) {
        if (page.items().isEmpty()) {
            return "(no items; " + page.totalCount() + " in total)";
        }
        String range = (page.offset() + 1) + "-" + (page.offset() + page.items().size()) + " of "
                + page.totalCount();
        return page.hasMore() ? range + " (next page: --offset " + (page.offset() + page.items().size()) + ")"
                : range;
    }

    /** {@code item tree}. */
    @Command(name = "tree", description = "Print the hierarchy under ID, or under every root item.")
    static final class TreeCmd extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
        String id;
        @Option(names = "--max-depth", paramLabel = "N", description = "Levels below each root, 1-5 (default 5).")
        Integer maxDepth;
        @Option(names = "--include-deleted")
        boolean includeDeleted;
        @Option(names = "--include-archived", description = "Also show archived root items.")
        boolean includeArchived;

        @Override
        protected int execute() {
            WorkItemService items = ws().workItems();
            List<WorkItemView> views = new ArrayList<>();
            if (id != null) {
                views.add(items.query(id, true, false, maxDepth, includeDeleted));
            } else {
                int offset = 0;
                while (true) {
                    Page<WorkItem> roots = items.list(new WorkItemQuery(null, null, null, true, false, null,
                            includeDeleted, includeArchived, 100, offset, null));
                    for (WorkItem r : roots.items()) {
                        views.add(items.query(r.id().toString(), true, false, maxDepth, includeDeleted));
                    }
                    if (!roots.hasMore() || roots.items().isEmpty()) {
                        break;
                    }
                    offset += roots.items().size();
                }
            }
            Object json;
            if (id != null) {
                json = views.get(0);
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("items", views);
                m.put("total_count", views.size());
                json = m;
            }
            emit(json, () -> {
                if (views.isEmpty()) {
                    out().println("(no items)");
                }
                for (WorkItemView v : views) {
                    Render.subtree(out(), WorkItemSummary.of(v.item()),
                            v.descendants() == null ? List.of() : v.descendants());
                }
            });
            return 0;
        }
    }

    /** {@code item link}. */
    @Command(name = "link", description = {"Link two items: SOURCE blocks TARGET, or SOURCE depends_on TARGET.",
        "Self-links and cycles are rejected (exit 3)."})
    static final class Link extends BaseCommand {
        @Parameters(index = "0", paramLabel = "SOURCE")
        String source;
        @Parameters(index = "1", paramLabel = "TARGET")
        String target;
        @Option(names = "--type", required = true, paramLabel = "TYPE", description = "blocks | depends_on")
        String type;
        @Option(names = "--remove", description = "Remove the link instead.")
        boolean remove;

        @Override
        protected int execute() {
            Dependency d = ws().workItems().link(source, target, type, by(), remove);
            Object json = d != null ? d : Map.of("source_id", source, "target_id", target, "dependency_type", type,
                    "removed", true);
            emit(json, () -> out().println((remove ? "removed link: " : "linked: ") + source + " "
                    + type.replace('_', ' ') + " " + target));
            return 0;
        }
    }

    /** {@code item delete}. */
    @Command(name = "delete", description = "Soft-delete a work item (restore brings it back).")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = "--version", paramLabel = "N", description = "Expected current version (optimistic lock).")
        Long version;

        @Override
        protected int execute() {
            WorkItemService items = ws().workItems();
            WorkItem w = items.update(WorkItemUpdate.builder(id, versionOf(items, id, version)).updatedBy(by())
                    .deletedAt("NOW()").build());
            emit(w, () -> out().println("deleted " + w.id() + " (version " + w.version() + ")"));
            return 0;
        }
    }

    /** {@code item restore}. */
    @Command(name = "restore", description = "Restore a soft-deleted work item.")
    static final class Restore extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = "--version", paramLabel = "N", description = "Expected current version (optimistic lock).")
        Long version;

        @Override
        protected int execute() {
            WorkItemService items = ws().workItems();
            WorkItem w = items.update(WorkItemUpdate.builder(id, versionOf(items, id, version)).updatedBy(by())
                    .restore(true).build());
            emit(w, () -> out().println("restored " + w.id() + " (version " + w.version() + ")"));
            return 0;
        }
    }

    /** {@code item claim}. */
    @Command(name = "claim", description = {"Claim a work item with a lease (or renew / release yours).",
        "Exit 5 when the claim is not granted (someone else holds it)."})
    static final class Claim extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = "--release", description = "Release your claim.")
        boolean release;
        @Option(names = "--renew", description = "Extend your lease.")
        boolean renew;
        @Option(names = "--lease-minutes", paramLabel = "N", description = "1-1440 (default 30).")
        Integer leaseMinutes;

        @Override
        protected int execute() {
            if (release && renew) {
                throw usage("--release and --renew are mutually exclusive");
            }
            String action = release ? "release" : renew ? "renew" : "claim";
            ClaimResult r = ws().workItems().claim(id, actor(), action, leaseMinutes);
            if (json()) {
                printJson(r);
                out().flush();
            } else if (r.granted()) {
                out().println(switch (action) {
                    case "release" -> "released " + id;
                    case "renew" -> "renewed " + id + " for " + r.claimedBy() + " until " + r.claimExpiresAt();
                    default -> "claimed " + id + " for " + r.claimedBy() + " until " + r.claimExpiresAt();
                });
            } else {
                err().println("error: CONFLICT " + action + " not granted: " + id
                        + (r.claimedBy() != null ? " is held by " + r.claimedBy() + " until " + r.claimExpiresAt()
                                : " is not claimed by " + actor()));
                err().flush();
            }
            return r.granted() ? 0 : 5;
        }
    }
}
