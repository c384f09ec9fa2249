package dev.workstate.internal;

import dev.workstate.error.InternalException;
import dev.workstate.port.Mutation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON form of every {@link Mutation}, for outbox payloads, mirror journal entries and sync conflicts in every layer: the record's own
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
        // the discriminator spliced in front of the record's own JSON: no tree in between (a mirrored write encodes
        // a work item three times, and building trees was half of that)
        String body = Json.write(m);
        return body.length() <= 2 ? "{\"type\":\"" + name + "\"}" : "{\"type\":\"" + name + "\"," + body.substring(1);
    }

    /** Several mutations as one JSON array of {@link #encode} payloads (a mirror journal entry). */
    public static String encodeAll(List<Mutation> mutations) {
        StringBuilder out = new StringBuilder(4096).append('[');
        for (Mutation m : mutations) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(encode(m));
        }
        return out.append(']').toString();
    }

    /**
     * Reads a payload written by {@link #encodeAll}.
     *
     * @throws InternalException if the text is not an array of known mutations
     */
    public static List<Mutation> decodeAll(String json) {
        JsonNode array;
        try {
            array = Json.mapper().readTree(json);
        } catch (RuntimeException e) {
            throw new InternalException("unreadable mutation payload", e);
        }
        if (array == null || !array.isArray()) {
            throw new InternalException("mutation payload is not a list", null);
        }
        List<Mutation> out = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            out.add(decode(node));
        }
        return out;
    }

    /**
     * Reads a payload written by {@link #encode}.
     *
     * @throws InternalException if the text is not a known mutation (a corrupt outbox entry)
     */
    public static Mutation decode(String json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (RuntimeException e) {
            throw new InternalException("unreadable mutation payload", e);
        }
        return decode(node);
    }

    private static Mutation decode(JsonNode node) {
        try {
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
