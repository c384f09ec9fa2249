package dev.workstate.storage.postgres;

import dev.workstate.port.Store;
import dev.workstate.testkit.ConfigurationContract;
import java.nio.file.Path;

/** Runs the testkit's {@link ConfigurationContract} against a real PostgreSQL. */
class PgConfigurationContractTest extends ConfigurationContract {
    @Override
    protected Store openStore(Path dir) {
        return PgStores.fresh(dir);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return PgStores.reopen(dir);
    }
}
