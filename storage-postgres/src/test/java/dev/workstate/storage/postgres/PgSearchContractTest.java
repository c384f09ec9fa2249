package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.SearchContract;
import java.nio.file.Path;

/** Runs the testkit's {@link SearchContract} against a real PostgreSQL. */
class PgSearchContractTest extends SearchContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
