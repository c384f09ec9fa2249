package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.HierarchyContract;
import java.nio.file.Path;

/** Runs the testkit's {@link HierarchyContract} against a real PostgreSQL. */
class PgHierarchyContractTest extends HierarchyContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
