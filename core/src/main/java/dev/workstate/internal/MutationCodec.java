package dev.workstate.internal;

import dev.workstate.error.InternalException;
import dev.workstate.port.Mutation;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON form of every {@link Mutation}, for outbox payloads and sync conflicts in every layer: the record's own
 * snake_case JSON (via {@link Json}) plus a {@code "type"} discriminator, e.g.
 * {@code {"type":"update_work_item","item":{...},"expected_version":3}}. The type names are part of the stored format:
 * never rename one.
 *
 * <p>Stateless; thread-safe.
 */
public final class MutationCodec {
    private static final Map<Class<? extends Mutation>, String> NAMES = new LinkedHashMap<>();
    private static final Map<String, Class<? extends Mutation>> TYPES = new LinkedHashMap<>();

    static {
        register("insert_work_item", Mutation.InsertWorkItem.class);
        register("update_work_item", Mutation.UpdateWorkItem.class);
        register("move_subtree", Mutation.MoveSubtree.class);
        register("claim_work_item", Mutation.ClaimWorkItem.class);
        register("release_claim", Mutation.ReleaseClaim.class);
        register("insert_dependency", Mutation.InsertDependency.class);
        register("delete_dependency", Mutation.DeleteDependency.class);
        register("insert_vendor", Mutation.InsertVendor.class);
        register("update_vendor", Mutation.UpdateVendor.class);
        register("insert_deployment", Mutation.InsertDeployment.class);
        register("update_configuration", Mutation.UpdateConfiguration.class);
        register("insert_enhancement", Mutation.InsertEnhancement.class);
        register("update_enhancement", Mutation.UpdateEnhancement.class);
        register("append_audit", Mutation.AppendAudit.class);
    }

    private MutationCodec() {
    }

    private static void register(String name, Class<? extends Mutation> type) {
        NAMES.put(type, name);
        TYPES.put(name, type);
    }

    /** The discriminator of {@code m}'s type, e.g. {@code update_work_item}. */
    public static String typeName(Mutation m) {
        return NAMES.get(m.getClass());
    }

    public static String encode(Mutation m) {
        String name = NAMES.get(m.getClass());
        if (name == null) {
            throw new IllegalArgumentException("no codec name for " + m.getClass().getName());
        }
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", name);
        node.setAll((ObjectNode) Json.mapper().valueToTree(m));
        return Json.mapper().writeValueAsString(node);
    }

    /**
     * Reads a payload written by {@link #encode}.
     *
     * @throws InternalException if the text is not a known mutation (a corrupt outbox entry)
     */
    public static Mutation decode(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            JsonNode type = node == null ? null : node.get("type");
            Class<? extends Mutation> cls = type == null ? null : TYPES.get(type.asString());
            if (cls == null) {
                throw new InternalException("unknown mutation payload", null);
            }
            ObjectNode body = ((ObjectNode) node).deepCopy();
            body.remove("type");
            return Json.mapper().treeToValue(body, cls);
        } catch (InternalException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InternalException("unreadable mutation payload", e);
        }
    }
}
