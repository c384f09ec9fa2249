package dev.workstate.storage.markdown;

import dev.workstate.port.Store;
import dev.workstate.testkit.DeploymentContract;
import java.nio.file.Path;

/** Runs {@link DeploymentContract} against the Markdown store. */
class MarkdownDeploymentContractTest extends DeploymentContract {
    @Override
    protected Store openStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }

    @Override
    protected Store reopenStore(Path dir) {
        return MarkdownStorageProvider.open(dir.resolve("markdown"), "test", false);
    }
}
