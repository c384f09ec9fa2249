package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.storage.jdbc.JdbcStore;
import dev.workstate.storage.sqlite.internal.SqliteDialect;
import dev.workstate.storage.sqlite.internal.SqliteTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a SQLite store on an explicit file, for tests, benchmarks and tools that manage their own files (applications
 * normally go through {@link SqliteStorageProvider} and {@code Workstate.open}).
 *
 * <p>Stateless; thread-safe.
 */
public final class SqliteStore {
    private SqliteStore() {
    }

    /** Opens (creating if needed) the store in {@code file} with default settings. */
    public static JdbcStore open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return open(abs, WorkstateConfig.forDirectory(abs.getParent()));
    }

    /** Opens (creating if needed) the store in {@code file} with the pool and client settings of {@code config}. */
    public static JdbcStore open(Path file, WorkstateConfig config) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new StorageUnavailableException("sqlite", "cannot create the data directory", e);
        }
        SqliteTemplate.materialise(abs);
        return new JdbcStore(new SqliteDialect(abs), config);
    }
}
