package dev.workstate.storage.markdown.internal;

import dev.workstate.internal.Json;
import dev.workstate.internal.MutationCodec;
import dev.workstate.model.AuditEvent;
import dev.workstate.port.Mutation;
import dev.workstate.port.OutboxEntry;
import dev.workstate.port.SyncConflict;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * JSON forms of the non-Markdown files: audit lines, outbox entries and sync conflicts (all through the shared
 * {@link Json} mapper). Mutations use the shared {@link MutationCodec} form.
 *
 * <p>Stateless; thread-safe.
 */
public final class JsonCodec {
    private JsonCodec() {
    }

    public static String auditLine(AuditEvent e) {
        return Json.write(e);
    }

    /** Reads one audit line: the fast reader for the written form, Jackson for anything else (and for errors). */
    public static AuditEvent parseAudit(String line) {
        AuditEvent fast = AuditLineReader.read(line);
        return fast != null ? fast : Json.read(line, AuditEvent.class);
    }

    private static Object mutation(Mutation m) {
        return Json.mapper().readTree(MutationCodec.encode(m));
    }

    private static Mutation parseMutation(JsonNode node) {
        return MutationCodec.decode(Json.mapper().writeValueAsString(node));
    }

    public static String outbox(OutboxEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", e.seq());
        out.put("queued_at", Fields.instant(e.queuedAt()));
        out.put("mutation", mutation(e.mutation()));
        return Json.writePretty(out) + "\n";
    }

    public static OutboxEntry parseOutbox(String text) {
        JsonNode n = Json.mapper().readTree(text);
        return new OutboxEntry(n.get("seq").asLong(), Instant.parse(n.get("queued_at").asString()),
                parseMutation(n.get("mutation")));
    }

    public static String conflict(SyncConflict c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id().toString());
        out.put("entity_type", c.entityType());
        out.put("entity_id", c.entityId());
        out.put("base_version", c.baseVersion());
        out.put("their_version", c.theirVersion());
        out.put("detected_at", Fields.instant(c.detectedAt()));
        out.put("mine", c.mine());
        out.put("theirs", c.theirs());
        out.put("mutation", c.mutation() == null ? null : mutation(c.mutation()));
        return Json.writePretty(out) + "\n";
    }

    public static SyncConflict parseConflict(String text) {
        JsonNode n = Json.mapper().readTree(text);
        JsonNode m = n.get("mutation");
        return new SyncConflict(UUID.fromString(n.get("id").asString()), text(n, "entity_type"),
                text(n, "entity_id"), n.get("base_version").asLong(), n.get("their_version").asLong(),
                Instant.parse(n.get("detected_at").asString()), text(n, "mine"), text(n, "theirs"),
                m == null || m.isNull() ? null : parseMutation(m));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
