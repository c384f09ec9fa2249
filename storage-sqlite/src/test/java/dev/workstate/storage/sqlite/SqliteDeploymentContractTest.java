package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.DeploymentContract;
import java.nio.file.Path;

/** Runs the testkit's {@link DeploymentContract} against the SQLite store. */
class SqliteDeploymentContractTest extends DeploymentContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
