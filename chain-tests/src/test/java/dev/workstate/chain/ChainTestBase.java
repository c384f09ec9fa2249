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
