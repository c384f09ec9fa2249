package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.StatusReportContract;
import java.nio.file.Path;

/** Runs {@link StatusReportContract} against the Markdown store. */
class MarkdownStatusReportContractTest extends StatusReportContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
