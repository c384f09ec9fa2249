package dev.workstate.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the append-only audit log: who changed which record, when, how, and the record before and after
 * (as JSON text, null for creates/deletes respectively).
 *
 * @param id unique id of the event (kept when replayed into another layer)
 * @param operation e.g. {@code create}, {@code update}, {@code move}, {@code delete}, {@code restore}, {@code claim},
 *                  {@code release}, {@code link}, {@code unlink}, {@code archive}, {@code record}
 *
 * <p>Immutable; thread-safe.
 */
public record AuditEvent(UUID id, EntityType entityType, String entityId, String operation, String actor, Instant at,
                         String before, String after) {
}
