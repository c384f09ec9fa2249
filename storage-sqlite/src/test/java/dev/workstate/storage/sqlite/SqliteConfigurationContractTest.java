package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.ConfigurationContract;
import java.nio.file.Path;

/** Runs the testkit's {@link ConfigurationContract} against the SQLite store. */
class SqliteConfigurationContractTest extends ConfigurationContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
