package dev.workstate.internal.service;

import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.Ids;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import java.time.Instant;

/**
 * Builds and appends audit events, so every service records changes the same way: one event per change, written in the
 * same transaction as the change, with the record before and after as JSON text (null for "did not exist").
 *
 * <p>Stateless; thread-safe.
 */
public final class Audit {
    private Audit() {
    }

    /**
     * The audit event of one change.
     *
     * @param before the record before the change (serialised with {@link Json#write}), or null
     * @param after the record after the change, or null
     */
    public static AuditEvent event(EntityType type, String entityId, String operation, String actor, Instant at,
                                   Object before, Object after) {
        return new AuditEvent(Ids.newId(), type, entityId, operation, actor, at,
                before == null ? null : Json.write(before), after == null ? null : Json.write(after));
    }

    /** The {@link Mutation.AppendAudit} of one change; apply it in the change's transaction. */
    public static Mutation.AppendAudit append(EntityType type, String entityId, String operation, String actor,
                                              Instant at, Object before, Object after) {
        return new Mutation.AppendAudit(event(type, entityId, operation, actor, at, before, after));
    }

    /** Appends the event to {@code store}; call inside the transaction that makes the change. */
    public static void record(Store store, EntityType type, String entityId, String operation, String actor,
                              Instant at, Object before, Object after) {
        store.apply(append(type, entityId, operation, actor, at, before, after));
    }
}
