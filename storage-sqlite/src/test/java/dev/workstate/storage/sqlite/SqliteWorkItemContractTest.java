package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.WorkItemContract;
import java.nio.file.Path;

/** Runs the testkit's {@link WorkItemContract} against the SQLite store. */
class SqliteWorkItemContractTest extends WorkItemContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }

    @Override
    protected Store reopenStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
