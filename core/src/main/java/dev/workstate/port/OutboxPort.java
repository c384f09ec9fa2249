package dev.workstate.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The layer's outbox of changes to replay upward, and the conflicts found while replaying. {@link #append} joins the
 * current transaction so a change and its outbox entry commit together.
 *
 * <p>Implementations are thread-safe.
 */
public interface OutboxPort {

    void append(Mutation mutation, Instant queuedAt);

    /** The oldest pending entries, in order. */
    List<OutboxEntry> pending(int limit);

    void remove(long seq);

    long size();

    void recordConflict(SyncConflict conflict);

    List<SyncConflict> conflicts();

    Optional<SyncConflict> conflict(UUID id);

    void removeConflict(UUID id);
}
