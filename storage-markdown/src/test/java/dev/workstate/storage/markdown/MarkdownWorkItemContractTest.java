package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.WorkItemContract;
import java.nio.file.Path;

/** Runs {@link WorkItemContract} against the Markdown store. */
class MarkdownWorkItemContractTest extends WorkItemContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
