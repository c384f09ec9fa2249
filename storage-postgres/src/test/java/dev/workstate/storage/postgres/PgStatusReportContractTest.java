package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.StatusReportContract;
import java.nio.file.Path;

/** Runs the testkit's {@link StatusReportContract} against a real PostgreSQL. */
class PgStatusReportContractTest extends StatusReportContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
