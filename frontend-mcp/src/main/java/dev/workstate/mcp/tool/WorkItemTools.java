package dev.workstate.mcp.tool;

import static dev.workstate.mcp.tool.Param.bool;
import static dev.workstate.mcp.tool.Param.integer;
import static dev.workstate.mcp.tool.Param.object;
import static dev.workstate.mcp.tool.Param.oneOf;
import static dev.workstate.mcp.tool.Param.string;
import static dev.workstate.mcp.tool.Param.uuid;

import dev.workstate.model.ItemType;
import dev.workstate.model.Page;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemUpdate;
import java.util.List;
import java.util.Map;

/**
 * The work-item tools: create, update, query, list, link and claim. Parameter names and meanings are the reference's
 * (codebase-mcp feature 003), extended as SPEC §4 lists.
 *
 * <p>Stateless; thread-safe.
 */
public final class WorkItemTools {
    static final String COMMIT = "^[0-9a-f]{40}$";

    private WorkItemTools() {
    }

    public static List<ToolDef> all() {
        return List.of(create(), update(), query(), list(), link(), claim());
    }

    private static List<String> types() {
        return ItemType.wireNames();
    }

    private static List<String> statuses() {
        return WorkItemStatus.wireNames();
    }

    static ToolDef create() {
        return ToolDef.change("create_work_item",
                "Create a project, session, task or research item (status active, version 1) under an optional parent."
                        + " metadata is typed by item_type and validated strictly.",
                List.of(oneOf("item_type", types()).required(),
                        string("title").required().maxLength(200),
                        object("metadata").desc("project {description, target_quarter?, constitutional_principles?};"
                                + " session {token_budget, prompts_count, yaml_frontmatter{schema_version}}; task"
                                + " {estimated_hours?, actual_hours?, blocked_reason?}; research {research_questions?,"
                                + " findings_summary?, references?}"),
                        uuid("parent_id"),
                        string("description").maxLength(10_000),
                        string("branch_name").maxLength(100),
                        string("commit_hash").pattern(COMMIT),
                        integer("pr_number").min(1),
                        string("created_by").maxLength(100)),
                Out.VERSIONED,
                (a, c) -> c.ws().workItems().create(new NewWorkItem(a.string("item_type"), a.string("title"),
                        a.string("description"), a.has("metadata") ? a.object("metadata") : Map.of(),
                        a.string("parent_id"), null, a.string("branch_name"), a.string("commit_hash"),
                        a.integer("pr_number"), a.string("created_by"))));
    }

    static ToolDef update() {
        return ToolDef.destructive("update_work_item",
                "Change a work item at its current version (optimistic lock: a stale version is VERSION_CONFLICT)."
                        + " null clears a nullable field; deleted_at soft-deletes, restore undoes it.",
                List.of(uuid("id").required(),
                        integer("version").required().min(1),
                        string("updated_by").maxLength(100),
                        string("title").maxLength(200),
                        oneOf("status", statuses()),
                        object("metadata").desc("replaces the whole metadata"),
                        string("deleted_at").desc("ISO-8601 instant or NOW()"),
                        bool("restore"),
                        uuid("parent_id").nullable().desc("null moves the item to the root"),
                        string("description").nullable().maxLength(10_000),
                        string("branch_name").nullable().maxLength(100),
                        string("commit_hash").nullable().pattern(COMMIT),
                        integer("pr_number").nullable().min(1)),
                Out.VERSIONED,
                (a, c) -> {
                    WorkItemUpdate request = new WorkItemUpdate(a.string("id"), a.longValue("version"),
                            a.string("updated_by"), a.tri("title", String.class), a.tri("description", String.class),
                            a.tri("status", String.class), metadata(a), a.tri("parent_id", String.class),
                            a.tri("branch_name", String.class), a.tri("commit_hash", String.class),
                            a.tri("pr_number", Integer.class), a.tri("deleted_at", String.class),
                            a.flag("restore", false));
                    return c.ws().workItems().update(request);
                });
    }

    private static java.util.Optional<Map<String, Object>> metadata(Args a) {
        return a.has("metadata") ? java.util.Optional.of(a.object("metadata")) : null;
    }

    static ToolDef query() {
        return ToolDef.query("query_work_item",
                "Read one work item with its ancestors (root first), descendants (flat, by depth) and dependencies.",
                List.of(uuid("id").required(),
                        bool("include_children").desc("ancestors and descendants; default true"),
                        bool("include_dependencies").desc("default true"),
                        integer("max_depth").range(1, 5).desc("descendant levels; default 5"),
                        bool("include_deleted")),
                Out.VERSIONED,
                (a, c) -> c.ws().workItems().query(a.string("id"), a.flag("include_children", true),
                        a.flag("include_dependencies", true), a.integer("max_depth"),
                        a.flag("include_deleted", false)));
    }

    static ToolDef list() {
        return ToolDef.query("list_work_items",
                "List work items, newest change first; summaries unless detail is full.",
                List.of(oneOf("item_type", types()),
                        oneOf("status", statuses()),
                        uuid("parent_id"),
                        bool("root_only"),
                        bool("ready").desc("active, unblocked, not claimed by others"),
                        string("query").maxLength(200).desc("full-text search"),
                        bool("include_deleted"),
                        bool("include_archived"),
                        integer("limit").range(1, 100).desc("default 50"),
                        integer("offset").min(0),
                        oneOf("detail", List.of("summary", "full"))),
                Out.PAGE,
                (a, c) -> {
                    WorkItemQuery q = new WorkItemQuery(a.string("item_type"), a.string("status"),
                            a.string("parent_id"), a.flag("root_only", false), a.flag("ready", false),
                            a.string("query"), a.flag("include_deleted", false), a.flag("include_archived", false),
                            a.integer("limit"), a.integer("offset"), c.client());
                    Page<WorkItem> page = c.ws().workItems().list(q);
                    return "full".equals(a.string("detail")) ? page : page.map(WorkItemSummary::of);
                });
    }

    static ToolDef link() {
        return ToolDef.destructive("link_work_items",
                "Add (or with remove, delete) a dependency: source blocks target, or source depends_on target."
                        + " Self-links and cycles are DEPENDENCY_CYCLE.",
                List.of(uuid("source_id").required(),
                        uuid("target_id").required(),
                        oneOf("dependency_type", List.of("blocks", "depends_on")).required(),
                        bool("remove")),
                Out.OBJECT,
                (a, c) -> c.ws().workItems().link(a.string("source_id"), a.string("target_id"),
                        a.string("dependency_type"), c.client(), a.flag("remove", false)));
    }

    static ToolDef claim() {
        return ToolDef.change("claim_work_item",
                "Claim, renew or release a lease on a work item; of concurrent claimers exactly one wins.",
                List.of(uuid("id").required(),
                        string("claimed_by").required().maxLength(100),
                        oneOf("action", List.of("claim", "renew", "release")).desc("default claim"),
                        integer("lease_minutes").range(1, 1440).desc("default 30")),
                Out.requiring("granted"),
                (a, c) -> c.ws().workItems().claim(a.string("id"), a.string("claimed_by"), a.string("action"),
                        a.integer("lease_minutes")));
    }
}
