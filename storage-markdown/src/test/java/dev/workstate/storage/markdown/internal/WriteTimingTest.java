package dev.workstate.storage.markdown.internal;

import dev.workstate.model.WorkItem;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints write latencies (create + audit, and versioned update + audit); asserts nothing about time. */
class WriteTimingTest {
    @Test
    void printsWriteLatencies(@TempDir Path tmp) {
        run(tmp.resolve("synced"), true);
        run(tmp.resolve("unsynced"), false);
    }

    private static void run(Path dir, boolean sync) {
        try (MarkdownStore s = MarkdownStore.open(dir, "t", sync)) {
            WorkItem counter = TestItems.create(s, "0", null);
            int n = 100;
            long[] create = new long[n];
            long[] update = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                TestItems.create(s, "item-" + i, null);
                long t1 = System.nanoTime();
                TestItems.increment(s, counter.id());
                long t2 = System.nanoTime();
                create[i] = t1 - t0;
                update[i] = t2 - t1;
            }
            Arrays.sort(create);
            Arrays.sort(update);
            System.err.printf("markdown write latency (sync=" + sync + ", n=%d): create p50 %.2f ms p95 %.2f ms; update p50 %.2f ms"
                    + " p95 %.2f ms%n", n, create[n / 2] / 1e6, create[n * 95 / 100] / 1e6, update[n / 2] / 1e6,
                    update[n * 95 / 100] / 1e6);
        }
    }
}
