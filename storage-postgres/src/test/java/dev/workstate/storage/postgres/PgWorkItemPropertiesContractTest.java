package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.WorkItemPropertiesContract;
import java.nio.file.Path;

/** Runs the testkit's {@link WorkItemPropertiesContract} against a real PostgreSQL. */
class PgWorkItemPropertiesContractTest extends WorkItemPropertiesContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
