package dev.workstate.storage.postgres;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.StorageProvider;
import dev.workstate.port.Store;

/**
 * The {@link StorageProvider} of the shared team layer ({@code postgres}): enabled when a database URL is configured
 * ({@code WORKSTATE_DATABASE_URL} or {@code --database-url}); creates the optional schema and migrates it with
 * Liquibase on first use, safely when several processes start at once. Found through
 * {@code META-INF/services/dev.workstate.port.StorageProvider}.
 *
 * <p>Stateless; thread-safe.
 */
public final class PostgresStorageProvider implements StorageProvider {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public boolean isEnabled(WorkstateConfig config) {
        return config.databaseUrl() != null;
    }

    @Override
    public Store open(WorkstateConfig config) {
        return PostgresStore.open(config);
    }
}
