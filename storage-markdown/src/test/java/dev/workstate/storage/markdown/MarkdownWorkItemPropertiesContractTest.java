package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.WorkItemPropertiesContract;
import java.nio.file.Path;

/** Runs {@link WorkItemPropertiesContract} against the Markdown store. */
class MarkdownWorkItemPropertiesContractTest extends WorkItemPropertiesContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
