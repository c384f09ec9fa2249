package dev.workstate.storage.markdown;

import dev.workstate.WorkstateConfig;
import dev.workstate.port.StorageProvider;
import dev.workstate.port.Store;
import dev.workstate.storage.markdown.internal.MarkdownStore;
import java.nio.file.Path;

/**
 * The {@code markdown} storage layer: one Markdown file with YAML front matter per record under
 * {@code <dataDir>/markdown} (or the directory given as the {@code x.markdown.dir} setting). Always enabled.
 * {@code x.markdown.sync=off} turns fsync off (faster; a power loss may then lose recent writes).
 *
 * <p>Stateless; thread-safe.
 */
public final class MarkdownStorageProvider implements StorageProvider {
    public static final String NAME = "markdown";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isEnabled(WorkstateConfig config) {
        return true;
    }

    @Override
    public Store open(WorkstateConfig config) {
        String dir = config.extra().get("x.markdown.dir");
        Path path = dir == null || dir.isBlank() ? config.dataDir().resolve("markdown") : Path.of(dir);
        boolean sync = !"off".equalsIgnoreCase(config.extra().getOrDefault("x.markdown.sync", "full"));
        return MarkdownStore.open(path, config.client(), sync);
    }

    /** Opens a Markdown store directly on {@code directory} (tests, export and import). */
    public static Store open(Path directory, String client) {
        return MarkdownStore.open(directory, client);
    }

    /** Opens a Markdown store on {@code directory}; {@code sync} false skips fsync (tests, throw-away copies). */
    public static Store open(Path directory, String client, boolean sync) {
        return MarkdownStore.open(directory, client, sync);
    }
}
