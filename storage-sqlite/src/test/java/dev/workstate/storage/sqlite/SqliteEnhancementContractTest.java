package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.EnhancementContract;
import java.nio.file.Path;

/** Runs the testkit's {@link EnhancementContract} against the SQLite store. */
class SqliteEnhancementContractTest extends EnhancementContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
