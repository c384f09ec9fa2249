package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.SearchContract;
import java.nio.file.Path;

/** Runs {@link SearchContract} against the Markdown store. */
class MarkdownSearchContractTest extends SearchContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
