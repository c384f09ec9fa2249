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

    /**
     * When a chain last finished bringing this layer and the others in sync (a replay, or a refresh that copied
     * records), as recorded by {@link #recordSync}; empty if never or if the layer does not keep it. Lets a new process
     * (the CLI's {@code sync --status}) report a sync an earlier one made.
     */
    default Optional<Instant> lastSyncAt() {
        return Optional.empty();
    }

    /** Records a finished sync (see {@link #lastSyncAt}); a layer that does not keep it ignores the call. */
    default void recordSync(Instant at) {
    }
}
