package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.testkit.VendorContract;
import java.nio.file.Path;

/** Runs the testkit's {@link VendorContract} against the SQLite store. */
class SqliteVendorContractTest extends VendorContract {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStorageProvider().open(WorkstateConfig.forDirectory(dir));
    }
}
