package dev.workstate.storage.sqlite;

import dev.workstate.storage.jdbc.JdbcStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the store-level SQLite tests: a fresh store file in a temporary directory per test, closed afterwards.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
abstract class FreshSqliteStore {
    @TempDir
    Path dir;
    JdbcStore store;

    @BeforeEach
    void openStore() {
        store = SqliteStore.open(dir.resolve("workstate.db"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
