package dev.workstate.port;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One storage layer (PostgreSQL, SQLite, Markdown) or the fallback chain built from them. Reads go through the
 * per-entity ports; every change goes through {@link #apply(Mutation)}.
 *
 * <p>Transactions are bound to the calling thread: everything {@link #inTransaction(Supplier)} runs on this store
 * commits or rolls back together, and nested calls join the outer transaction. Outside a transaction each call is its
 * own transaction.
 *
 * <p>Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

    /** The layer's name: {@code postgres}, {@code sqlite}, {@code markdown}, or {@code chain}. */
    String layer();

    WorkItemPort workItems();

    VendorPort vendors();

    DeploymentPort deployments();

    ConfigurationPort configuration();

    EnhancementPort enhancements();

    AuditPort audit();

    OutboxPort outbox();

    /**
     * The journal a higher layer's writes are mirrored into when this store is a lower layer of a chain, or empty when
     * mirrored writes are applied to the tables directly. The default has none.
     */
    default Optional<MirrorJournalPort> mirrorJournal() {
        return Optional.empty();
    }

    /**
     * Applies one change atomically (joining the current transaction, if any).
     *
     * @return true if applied; false only for a claim or release that did not take effect
     * @throws dev.workstate.error.WorkstateException for domain outcomes (conflict, not found, duplicate) and
     *         {@link dev.workstate.error.StorageUnavailableException} for connectivity failures only
     */
    boolean apply(Mutation mutation);

    /**
     * Applies {@code mutations} in order as one atomic change (joining the current transaction, if any), throwing what
     * {@link #apply} would throw for the first that fails. For changes that apply or throw: a claim's "not taken"
     * answer has no place here. The default runs them through {@link #apply} in
     * {@link #inTransaction}; a store may do the same in fewer round trips (PostgreSQL: a versioned update and its
     * audit event outside a transaction are one auto-committed statement).
     */
    default void applyAll(List<Mutation> mutations) {
        inTransaction(() -> {
            for (Mutation m : mutations) {
                apply(m);
            }
            return null;
        });
    }

    /** Runs {@code work} in one transaction on this thread; joins an enclosing one. */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Builds now what the first calls would otherwise build on demand (a JDBC store's statement mappings, ~100 ms), so
     * a long-running host (the MCP server) can do it on a background thread after opening; a one-shot command skips
     * it. Optional: the default does nothing. Failures are not reported here; the call that needs the part reports
     * them.
     */
    default void warmUp() {
    }

    /** Checks connectivity quickly (bounded by the connect timeout); throws StorageUnavailableException if down. */
    void ping();

    /** Which layer served the last call made on this thread, and whether its data may be stale. */
    default ServedBy servedBy() {
        return new ServedBy(layer(), false, null);
    }

    /** Storage status: one entry per layer (a single store reports itself). */
    StorageStatus status();

    /**
     * Where this store keeps its data, as {@link StorageStatus.Layer#location()} shows it (a file or directory name,
     * a database without credentials), without checking health or counting anything. The default asks {@link #status()};
     * stores that know it override this to make it free.
     */
    default String location() {
        var layers = status().layers();
        return layers.isEmpty() ? null : layers.get(0).location();
    }

    /** Closes pools and files; idempotent. */
    @Override
    void close();
}
