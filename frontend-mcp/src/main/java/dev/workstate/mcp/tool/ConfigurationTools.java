package dev.workstate.mcp.tool;

import static dev.workstate.mcp.tool.Param.integer;
import static dev.workstate.mcp.tool.Param.oneOf;
import static dev.workstate.mcp.tool.Param.string;
import static dev.workstate.mcp.tool.Param.uuid;

import dev.workstate.model.ContextType;
import dev.workstate.service.ConfigurationUpdate;
import java.util.List;

/**
 * The project configuration tools: read and update (only the given fields; null clears a nullable one).
 *
 * <p>Stateless; thread-safe.
 */
public final class ConfigurationTools {
    private ConfigurationTools() {
    }

    public static List<ToolDef> all() {
        return List.of(get(), update());
    }

    static ToolDef get() {
        return ToolDef.query("get_project_configuration",
                "Read the project configuration (context type, current session, git state, token budget, health).",
                List.of(), Out.VERSIONED,
                (a, c) -> c.ws().configuration().get());
    }

    static ToolDef update() {
        return ToolDef.change("update_project_configuration",
                "Update the given configuration fields; version (optional) makes it an optimistic-lock update.",
                List.of(oneOf("active_context_type", ContextType.wireNames()),
                        uuid("current_session_id").nullable().desc("a session item"),
                        string("git_branch").nullable().maxLength(100),
                        string("git_head_commit").nullable().pattern(WorkItemTools.COMMIT),
                        integer("default_token_budget").range(1000, 1_000_000),
                        string("updated_by").maxLength(100),
                        integer("version").min(1)),
                Out.VERSIONED,
                (a, c) -> c.ws().configuration().update(new ConfigurationUpdate(
                        a.tri("active_context_type", String.class), a.tri("current_session_id", String.class),
                        a.tri("git_branch", String.class), a.tri("git_head_commit", String.class),
                        a.tri("default_token_budget", Integer.class), a.longValue("version"),
                        a.string("updated_by"))));
    }
}
