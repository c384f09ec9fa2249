package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.MigrationContract;
import java.nio.file.Path;

/** Runs the testkit's {@link MigrationContract} (legacy status file migration) against the SQLite store. */
class SqliteMigrationContractTest extends MigrationContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
