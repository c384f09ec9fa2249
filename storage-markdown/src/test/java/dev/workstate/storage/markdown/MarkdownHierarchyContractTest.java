package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.HierarchyContract;
import java.nio.file.Path;

/** Runs {@link HierarchyContract} against the Markdown store. */
class MarkdownHierarchyContractTest extends HierarchyContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
