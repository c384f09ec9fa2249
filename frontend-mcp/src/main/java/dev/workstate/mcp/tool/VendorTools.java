package dev.workstate.mcp.tool;

import static dev.workstate.mcp.tool.Param.integer;
import static dev.workstate.mcp.tool.Param.object;
import static dev.workstate.mcp.tool.Param.objectOrString;
import static dev.workstate.mcp.tool.Param.oneOf;
import static dev.workstate.mcp.tool.Param.string;

import dev.workstate.internal.Json;
import dev.workstate.model.VendorStatus;
import java.util.List;
import java.util.Map;

/**
 * The vendor tools: create, query by name (case-insensitive), list, and versioned status/metadata update.
 *
 * <p>Stateless; thread-safe.
 */
public final class VendorTools {
    private VendorTools() {
    }

    public static List<ToolDef> all() {
        return List.of(create(), query(), list(), update());
    }

    static ToolDef create() {
        return ToolDef.change("create_vendor",
                "Create a vendor (status broken, version 1) with complete default metadata merged with"
                        + " initial_metadata. Names are unique ignoring case.",
                List.of(string("name").required().maxLength(100),
                        objectOrString("initial_metadata").nullable()
                                .desc("object (or the same as a JSON string, for old clients)"),
                        string("created_by").maxLength(100)),
                Out.VERSIONED,
                (a, c) -> c.ws().vendors().create(a.string("name"), initialMetadata(a), a.string("created_by")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> initialMetadata(Args a) {
        Object raw = a.raw("initial_metadata");
        if (raw instanceof String s) {
            return s.isBlank() ? null : Json.parseObject("initial_metadata", s);
        }
        return (Map<String, Object>) raw;
    }

    static ToolDef query() {
        return ToolDef.query("query_vendor_status",
                "Read one vendor by name (case-insensitive): status, extractor_version, metadata.",
                List.of(string("name").required().maxLength(100)),
                Out.VERSIONED,
                (a, c) -> c.ws().vendors().get(a.string("name")));
    }

    static ToolDef list() {
        return ToolDef.query("list_vendors",
                "List vendors by name, optionally by status.",
                List.of(oneOf("status", VendorStatus.wireNames()),
                        integer("limit").range(1, 100).desc("default 50"),
                        integer("offset").min(0)),
                Out.PAGE,
                (a, c) -> c.ws().vendors().list(a.string("status"), a.integer("limit"), a.integer("offset")));
    }

    static ToolDef update() {
        return ToolDef.change("update_vendor_status",
                "Change a vendor's status and/or metadata at its current version; given metadata keys are merged"
                        + " over the stored ones.",
                List.of(string("name").required().maxLength(100),
                        integer("version").required().min(1),
                        oneOf("status", VendorStatus.wireNames()),
                        object("metadata").desc("format_support, test_results, extractor_version, manifest_compliant"),
                        string("updated_by").maxLength(100)),
                Out.VERSIONED,
                (a, c) -> c.ws().vendors().update(a.string("name"), a.longValue("version"), a.string("status"),
                        a.object("metadata"), a.string("updated_by")));
    }
}
