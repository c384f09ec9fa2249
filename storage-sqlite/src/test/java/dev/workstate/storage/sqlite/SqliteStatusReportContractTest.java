package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.StatusReportContract;
import java.nio.file.Path;

/** Runs the testkit's {@link StatusReportContract} against the SQLite store. */
class SqliteStatusReportContractTest extends StatusReportContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
