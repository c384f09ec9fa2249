package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.EnhancementContract;
import java.nio.file.Path;

/** Runs the testkit's {@link EnhancementContract} against a real PostgreSQL. */
class PgEnhancementContractTest extends EnhancementContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
