package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.DependencyAndClaimContract;
import java.nio.file.Path;

/** Runs {@link DependencyAndClaimContract} against the Markdown store. */
class MarkdownDependencyAndClaimContractTest extends DependencyAndClaimContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
