package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.VendorContract;
import java.nio.file.Path;

/** Runs the testkit's {@link VendorContract} against a real PostgreSQL. */
class PgVendorContractTest extends VendorContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
