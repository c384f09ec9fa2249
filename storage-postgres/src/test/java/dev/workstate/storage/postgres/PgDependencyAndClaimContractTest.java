package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.DependencyAndClaimContract;
import java.nio.file.Path;

/** Runs the testkit's {@link DependencyAndClaimContract} against a real PostgreSQL. */
class PgDependencyAndClaimContractTest extends DependencyAndClaimContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
