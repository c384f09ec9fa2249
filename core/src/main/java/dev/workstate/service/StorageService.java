package dev.workstate.service;

import dev.workstate.port.ServedBy;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.SyncConflict;
import java.util.List;

/**
 * Storage administration: each layer's health, the outbox and conflicts, replay on demand, conflict resolution, and
 * which layer served this thread's last call.
 *
 * <p>Implementations are thread-safe.
 */
public interface StorageService {

    StorageStatus status();

    /** Replays queued writes into higher layers now. */
    SyncReport sync();

    /** Resolves a recorded conflict keeping {@code mine} (the queued change) or {@code theirs} (the higher layer). */
    SyncConflict resolve(String conflictId, String keep);

    ServedBy lastServedBy();

    /** The open sync conflicts of every reachable layer, each with both sides (added for {@code sync --status}). */
    default List<SyncConflict> conflicts() {
        return List.of();
    }
}
