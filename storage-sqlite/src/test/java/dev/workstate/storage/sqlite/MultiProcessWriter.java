package dev.workstate.storage.sqlite;

import dev.workstate.WorkstateConfig;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.storage.jdbc.JdbcStore;
import dev.workstate.storage.sqlite.internal.SqliteDialect;
import java.nio.file.Path;

/**
 * Main class run in a second JVM by {@link SqliteConcurrencyTest}: opens the given file (creating it if needed) and
 * inserts {@code count} root items (with a fourth argument {@code in-place}, without the template file), each with an audit event, one transaction per item. Not thread-safe (a main).
 */
public final class MultiProcessWriter {
    private MultiProcessWriter() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String prefix = args[2];
        boolean inPlace = args.length > 3 && args[3].equals("in-place");
        // in-place: skip the template so Liquibase itself races the other process on a fresh file.
        try (JdbcStore store = inPlace
                ? new JdbcStore(new SqliteDialect(file.toAbsolutePath()),
                        WorkstateConfig.forDirectory(file.toAbsolutePath().getParent()))
                : SqliteStore.open(file)) {
            for (int i = 0; i < count; i++) {
                WorkItem w = StoreFixtures.root(prefix + " " + i);
                store.inTransaction(() -> {
                    store.apply(new Mutation.InsertWorkItem(w));
                    store.apply(new Mutation.AppendAudit(StoreFixtures.audit(w, "create")));
                    return null;
                });
            }
        }
    }
}
