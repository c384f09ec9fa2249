package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.SearchContract;
import java.nio.file.Path;

/** Runs the testkit's {@link SearchContract} against the SQLite store. */
class SqliteSearchContractTest extends SearchContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }

    @Override
    protected Store reopenStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
