package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.DeploymentContract;
import java.nio.file.Path;

/** Runs the testkit's {@link DeploymentContract} against a real PostgreSQL. */
class PgDeploymentContractTest extends DeploymentContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
