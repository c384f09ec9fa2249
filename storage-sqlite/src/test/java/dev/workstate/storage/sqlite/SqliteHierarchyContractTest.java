package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.HierarchyContract;
import java.nio.file.Path;

/** Runs the testkit's {@link HierarchyContract} against the SQLite store. */
class SqliteHierarchyContractTest extends HierarchyContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }

    @Override
    protected Store reopenStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
