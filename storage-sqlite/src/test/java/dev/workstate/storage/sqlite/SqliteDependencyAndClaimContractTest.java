package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.DependencyAndClaimContract;
import java.nio.file.Path;

/** Runs the testkit's {@link DependencyAndClaimContract} against the SQLite store. */
class SqliteDependencyAndClaimContractTest extends DependencyAndClaimContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }

    @Override
    protected Store reopenStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
