package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.ConfigurationContract;
import java.nio.file.Path;

/** Runs {@link ConfigurationContract} against the Markdown store. */
class MarkdownConfigurationContractTest extends ConfigurationContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
