package dev.workstate.mcp.tool;

import static dev.workstate.mcp.tool.Param.integer;
import static dev.workstate.mcp.tool.Param.object;
import static dev.workstate.mcp.tool.Param.string;
import static dev.workstate.mcp.tool.Param.uuid;
import static dev.workstate.mcp.tool.Param.uuids;

import dev.workstate.service.NewDeployment;
import java.util.List;

/**
 * The deployment tools: record (with vendor and work-item links, all or nothing) and list newest first.
 *
 * <p>Stateless; thread-safe.
 */
public final class DeploymentTools {
    private DeploymentTools() {
    }

    public static List<ToolDef> all() {
        return List.of(record(), list());
    }

    static ToolDef record() {
        return ToolDef.change("record_deployment",
                "Record a deployment and link it to vendors and work items (unknown ids are NOT_FOUND; nothing is"
                        + " stored unless everything is valid).",
                List.of(string("deployed_at").required().desc("ISO-8601 instant"),
                        object("metadata").required().desc("pr_number, pr_title, commit_hash, test_summary"
                                + " {category: count}, constitutional_compliance"),
                        uuids("vendor_ids"),
                        uuids("work_item_ids"),
                        string("created_by").maxLength(100)),
                Out.RECORD,
                (a, c) -> c.ws().deployments().record(new NewDeployment(a.string("deployed_at"), a.object("metadata"),
                        a.has("vendor_ids") ? a.strings("vendor_ids") : List.of(),
                        a.has("work_item_ids") ? a.strings("work_item_ids") : List.of(), a.string("created_by"))));
    }

    static ToolDef list() {
        return ToolDef.query("list_deployments",
                "List deployments newest first, optionally by vendor, work item or commit.",
                List.of(integer("limit").range(1, 100).desc("default 10"),
                        integer("offset").min(0),
                        uuid("vendor_id"),
                        uuid("work_item_id"),
                        string("commit_hash").pattern(WorkItemTools.COMMIT)),
                Out.PAGE,
                (a, c) -> c.ws().deployments().list(a.integer("limit"), a.integer("offset"), a.string("vendor_id"),
                        a.string("work_item_id"), a.string("commit_hash")));
    }
}
