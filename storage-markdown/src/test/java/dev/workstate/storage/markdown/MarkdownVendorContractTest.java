package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.VendorContract;
import java.nio.file.Path;

/** Runs {@link VendorContract} against the Markdown store. */
class MarkdownVendorContractTest extends VendorContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
