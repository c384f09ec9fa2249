package dev.workstate.internal.service;

import com.google.inject.Inject;
import dev.workstate.WorkstateConfig;
import dev.workstate.chain.ChainStore;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.ValidationException;
import dev.workstate.port.ServedBy;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.Store;
import dev.workstate.port.SyncConflict;
import dev.workstate.service.StorageService;
import dev.workstate.service.SyncReport;
import java.util.List;
import java.util.UUID;

/**
 * Storage administration over the configured store: with a {@link ChainStore} it reports every layer, replays the
 * outboxes and resolves conflicts; over a single layer it reports that layer and has nothing to replay.
 *
 * <p>Thread-safe: stateless over a thread-safe store.
 */
public final class DefaultStorageService implements StorageService {
    private final Store store;
    private final WorkstateConfig config;

    @Inject
    public DefaultStorageService(Store store, WorkstateConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public StorageStatus status() {
        return store.status();
    }

    @Override
    public SyncReport sync() {
        if (store instanceof ChainStore chain) {
            return chain.sync();
        }
        return new SyncReport(0, 0, 0, List.of("single layer " + store.layer() + ": nothing to replay"));
    }

    @Override
    public SyncConflict resolve(String conflictId, String keep) {
        UUID id = parseId(conflictId);
        if (!"mine".equals(keep) && !"theirs".equals(keep)) {
            throw ValidationException.of("keep", "must be mine or theirs");
        }
        if (store instanceof ChainStore chain) {
            return chain.resolve(id, keep, config.client());
        }
        throw new NotFoundException("conflict", conflictId);
    }

    @Override
    public List<SyncConflict> conflicts() {
        if (store instanceof ChainStore chain) {
            return chain.conflicts();
        }
        return store.outbox().conflicts();
    }

    @Override
    public ServedBy lastServedBy() {
        return store.servedBy();
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value == null ? "" : value.trim());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("id", "must be a UUID");
        }
    }
}
