package dev.workstate.mcp.tool;

import static dev.workstate.mcp.tool.Param.integer;
import static dev.workstate.mcp.tool.Param.oneOf;
import static dev.workstate.mcp.tool.Param.string;
import static dev.workstate.mcp.tool.Param.uuid;

import dev.workstate.model.EnhancementStatus;
import dev.workstate.service.EnhancementSave;
import java.util.List;

/**
 * The future-enhancement tools: save (create, or versioned update with id and version) and list by priority.
 *
 * <p>Stateless; thread-safe.
 */
public final class EnhancementTools {
    private EnhancementTools() {
    }

    public static List<ToolDef> all() {
        return List.of(save(), list());
    }

    static ToolDef save() {
        return ToolDef.change("save_enhancement",
                "Create a planned enhancement, or update one given id and its current version.",
                List.of(uuid("id"),
                        integer("version").min(1),
                        string("title").required().maxLength(200),
                        string("description").required().maxLength(10_000),
                        integer("priority").required().range(1, 5).desc("1 highest"),
                        oneOf("status", EnhancementStatus.wireNames()),
                        string("target_quarter").pattern("^\\d{4}-Q[1-4]$"),
                        Param.stringList("constitutional_principles"),
                        string("updated_by").maxLength(100)),
                Out.VERSIONED,
                (a, c) -> c.ws().enhancements().save(new EnhancementSave(a.string("id"), a.longValue("version"),
                        a.string("title"), a.string("description"), a.integer("priority"), a.string("status"),
                        a.string("target_quarter"), a.strings("constitutional_principles"), a.string("updated_by"))));
    }

    static ToolDef list() {
        return ToolDef.query("list_enhancements",
                "List enhancements by priority, then target quarter.",
                List.of(oneOf("status", EnhancementStatus.wireNames()),
                        integer("limit").range(1, 100).desc("default 50"),
                        integer("offset").min(0)),
                Out.PAGE,
                (a, c) -> c.ws().enhancements().list(a.string("status"), a.integer("limit"), a.integer("offset")));
    }
}
