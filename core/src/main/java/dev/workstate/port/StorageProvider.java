package dev.workstate.port;

import dev.workstate.WorkstateConfig;

/**
 * Service-provider interface through which storage adapters plug in: each adapter jar registers one implementation in
 * {@code META-INF/services/dev.workstate.port.StorageProvider}. Putting the jar on the classpath is how a user adds a
 * layer.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface StorageProvider {

    /** The layer name this provider opens: {@code postgres}, {@code sqlite} or {@code markdown}. */
    String name();

    /** Whether the configuration enables this layer (PostgreSQL only when a database URL is set). */
    boolean isEnabled(WorkstateConfig config);

    /** Opens (creating or migrating as needed) the layer's store. */
    Store open(WorkstateConfig config);
}
