package dev.workstate.storage.sqlite;

import dev.workstate.storage.jdbc.JdbcStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that need two stores on one SQLite file, each with its own pool, probe and kept statements, as two
 * processes sharing a data directory would have: {@link #first} and {@link #second}, fresh for every test.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
abstract class TwoStoresOnOneFile {
    @TempDir
    Path dir;
    JdbcStore first;
    JdbcStore second;

    @BeforeEach
    void openBoth() {
        first = SqliteStore.open(dir.resolve("workstate.db"));
        second = SqliteStore.open(dir.resolve("workstate.db"));
    }

    @AfterEach
    void closeBoth() {
        first.close();
        second.close();
    }
}
