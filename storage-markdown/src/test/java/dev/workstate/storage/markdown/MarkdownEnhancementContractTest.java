package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.EnhancementContract;
import java.nio.file.Path;

/** Runs {@link EnhancementContract} against the Markdown store. */
class MarkdownEnhancementContractTest extends EnhancementContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
