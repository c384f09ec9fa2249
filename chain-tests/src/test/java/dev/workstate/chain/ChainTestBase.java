package dev.workstate.chain;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import dev.workstate.storage.markdown.MarkdownStorageProvider;
import dev.workstate.storage.sqlite.SqliteStore;
import dev.workstate.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the chain tests: opens real SQLite files and Markdown directories in a temporary directory and closes
 * whatever a test opened.
 *
 * <p>Not thread-safe: one instance per test.
 */
abstract class ChainTestBase {
    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.startingNow();
    final List<AutoCloseable> toClose = new ArrayList<>();

    Store sqlite(String file) {
        return SqliteStore.open(dir.resolve(file));
    }

    Store markdown(String sub) {
        return MarkdownStorageProvider.open(dir.resolve(sub), "chain-test");
    }

    /** The two layers of {@link #twoSqliteLayers}: real SQLite files behind fault switches. */
    SwitchableStore top;
    SwitchableStore lower;

    /**
     * The chain most tests break: {@link #top} (file {@code top.db}) over {@link #lower} (layer {@code sqlite}, file
     * {@code lower.db}), without background threads, closed after the test.
     */
    ChainStore twoSqliteLayers() {
        return closeLater(twoSqliteLayers(chain()));
    }

    /** The two layers, switchable, added to {@code builder} (for chains built with other options). */
    ChainStore twoSqliteLayers(ChainStore.Builder builder) {
        top = new SwitchableStore("top", sqlite("top.db"));
        lower = new SwitchableStore("sqlite", sqlite("lower.db"));
        return builder.layer(top).layer(lower).build();
    }

    /** A chain without background threads (tests drive probing and replay with {@code sync()}). */
    ChainStore.Builder chain() {
        return ChainStore.builder().clock(clock).background(false).backoff(Duration.ofMillis(1), Duration.ofMillis(1));
    }

    <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(0, c);
        return c;
    }

    Workstate over(Store store) {
        return Workstate.over(store, WorkstateConfig.forDirectory(dir), clock);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // already closed by the test
            }
        }
    }
}
