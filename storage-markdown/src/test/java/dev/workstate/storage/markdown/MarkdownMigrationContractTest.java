package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.MigrationContract;
import java.nio.file.Path;

/** Runs {@link MigrationContract} against the Markdown store. */
class MarkdownMigrationContractTest extends MigrationContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
