package dev.workstate.mcp.tool;

import com.google.inject.ConfigurationException;
import dev.workstate.Workstate;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.WorkstateException;
import dev.workstate.port.ServedBy;
import dev.workstate.service.StorageService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What tool handlers work with: the {@link Workstate} (opened in the background while the client initialises, so the
 * first {@code initialize} is answered fast) and which storage layer served the current thread's last call.
 *
 * <p>Thread-safe.
 */
public final class ToolContext {
    private final CompletableFuture<Workstate> workstate;
    private volatile Boolean storageServiceBound;

    public ToolContext(CompletableFuture<Workstate> workstate) {
        this.workstate = workstate;
    }

    /** The open Workstate; waits for the background open. Rethrows its failure (mapped like any tool error). */
    public Workstate ws() {
        try {
            return workstate.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("store", "interrupted while opening", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("opening the store failed", cause);
        }
    }

    /** The configured default client id (created_by / updated_by when a call gives none). */
    public String client() {
        return ws().config().client();
    }

    /**
     * The layer that served this thread's last call: from {@link StorageService#lastServedBy()} when the storage
     * service is bound, else from the store itself. Null when the store is not open.
     */
    public ServedBy servedBy() {
        if (!workstate.isDone() || workstate.isCompletedExceptionally()) {
            return null;
        }
        Workstate ws = workstate.join();
        try {
            if (!Boolean.FALSE.equals(storageServiceBound)) {
                StorageService storage = ws.storage();
                storageServiceBound = true;
                ServedBy s = storage.lastServedBy();
                if (s != null) {
                    return s;
                }
            }
        } catch (ConfigurationException e) {
            storageServiceBound = false;
        } catch (WorkstateException | UnsupportedOperationException e) {
            // fall back to the store's own answer
        }
        return ws.store().servedBy();
    }
}
