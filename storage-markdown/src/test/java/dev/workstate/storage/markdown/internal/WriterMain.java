package dev.workstate.storage.markdown.internal;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A second process for multi-process tests: opens the store in {@code args[0]}, creates {@code args[2]} items titled
 * {@code args[1]-i} and increments the counter item {@code args[3]} as many times, interleaved; prints one line per
 * acknowledged write ("ack N") so a parent can kill it mid-way.
 */
public final class WriterMain {
    private WriterMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        UUID counter = args.length > 3 && !args[3].equals("-") ? UUID.fromString(args[3]) : null;
        try (MarkdownStore store = MarkdownStore.open(dir, prefix)) {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; i < n; i++) {
                TestItems.create(store, prefix + "-" + i, null);
                if (counter != null) {
                    TestItems.increment(store, counter);
                }
                System.out.println("ack " + (i + 1));
                System.out.flush();
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
