package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.PgTestDatabase;
import java.nio.file.Path;

/**
 * Stores for the contract suites: one schema per test JVM, migrated once by the first open and emptied before every
 * later one, so a suite of hundreds of tests pays for Liquibase once. The schema is dropped when the JVM exits.
 *
 * <p>Thread-safe.
 */
final class PgStores {
    static final PgTestDatabase DB = PgTestDatabase.get();
    static final String SCHEMA = DB.freshSchema();
    private static boolean migrated;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                DB.dropSchema(SCHEMA);
            } catch (RuntimeException ignored) {
                // the embedded server may already be gone
            }
        }, "pg-test-schema-drop"));
    }

    private PgStores() {
    }

    /** A store on the shared schema, emptied first. */
    static synchronized Store fresh(Path dir) {
        if (migrated) {
            DB.truncate(SCHEMA);
        }
        Store store = PostgresStore.open(DB.config(dir, SCHEMA));
        migrated = true;
        return store;
    }

    /** A second handle on the same schema (another client of the same database). */
    static Store reopen(Path dir) {
        return PostgresStore.open(DB.config(dir, SCHEMA));
    }
}
