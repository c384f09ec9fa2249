package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.MigrationContract;
import java.nio.file.Path;

/** Runs the testkit's {@link MigrationContract} against a real PostgreSQL. */
class PgMigrationContractTest extends MigrationContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
