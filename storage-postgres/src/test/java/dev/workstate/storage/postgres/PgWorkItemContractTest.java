package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.WorkItemContract;
import java.nio.file.Path;

/** Runs the testkit's {@link WorkItemContract} against a real PostgreSQL. */
class PgWorkItemContractTest extends WorkItemContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
