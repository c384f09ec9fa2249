package dev.workstate.port;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import java.util.List;

/**
 * Reads of the append-only audit log (events are written with {@link Mutation.AppendAudit}).
 *
 * <p>Implementations are thread-safe.
 */
public interface AuditPort {

    /** The events of one record, oldest first. */
    List<AuditEvent> history(EntityType entityType, String entityId);

    /** All events in append order, paged (for export and comparison). */
    List<AuditEvent> all(int limit, int offset);

    long count();
}
