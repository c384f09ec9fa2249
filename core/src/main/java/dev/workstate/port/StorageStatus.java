package dev.workstate.port;

import java.time.Instant;
import java.util.List;

/**
 * Health and synchronisation state of the storage: one {@link Layer} per configured layer, in chain order.
 *
 * <p>Immutable; thread-safe.
 */
public record StorageStatus(List<Layer> layers, String primary, long pendingOutbox, long openConflicts,
                            Instant lastSyncAt) {
    public StorageStatus {
        layers = List.copyOf(layers);
    }

    /**
     * One layer: name, healthy flag, last check time, a client-safe reason when unhealthy (no passwords, no paths),
     * its outbox size, records not yet mirrored into it (a background-mirrored layer's queue) and mirrored writes
     * it holds in its journal, not yet folded into its tables ({@link MirrorJournalPort}).
     */
    public record Layer(String name, boolean healthy, Instant lastCheckAt, String reason, long pendingOutbox,
                        long unmirrored, long journaled, String location) {
    }
}
