package dev.workstate.testkit;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.port.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of every contract suite: each test gets a fresh, empty store from the adapter under test, wrapped in a
 * {@link Workstate} with a {@link MutableClock}. Adapters extend the concrete suites (e.g. {@code WorkItemContract})
 * and implement {@link #openStore(Path)}.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class StoreContract {
    @TempDir
    protected Path tempDir;

    protected MutableClock clock;
    protected Store store;
    protected Workstate ws;

    /** Opens a fresh, empty store of the adapter under test; {@code dir} is a new temporary directory. */
    protected abstract Store openStore(Path dir) throws Exception;

    /** Opens a second handle on the same store (another process would see the same data), or null if unsupported. */
    protected Store reopenStore(Path dir) throws Exception {
        return null;
    }

    @BeforeEach
    void openWorkstate() throws Exception {
        clock = MutableClock.startingNow();
        store = openStore(tempDir);
        ws = Workstate.over(store, WorkstateConfig.forDirectory(tempDir), clock);
    }

    @AfterEach
    void closeWorkstate() {
        if (ws != null) {
            ws.close();
        }
    }
}
