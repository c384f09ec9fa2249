package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.port.StorageProvider;
import dev.workstate.port.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@link StorageProvider} of the embedded SQLite layer ({@code sqlite}): always enabled, it keeps everything in
 * {@code <data-dir>/workstate.db} (creating the directory and the schema on first use) in WAL mode, safe to share
 * between several processes. Found through {@code META-INF/services/dev.workstate.port.StorageProvider}.
 *
 * <p>Stateless; thread-safe.
 */
public final class SqliteStorageProvider implements StorageProvider {
    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "workstate.db";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean isEnabled(WorkstateConfig config) {
        return true;
    }

    @Override
    public Store open(WorkstateConfig config) {
        Path dir = config.dataDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageUnavailableException("sqlite", "cannot create the data directory", e);
        }
        return SqliteStore.open(dir.resolve(FILE_NAME), config);
    }
}
