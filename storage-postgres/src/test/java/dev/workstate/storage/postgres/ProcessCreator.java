package dev.workstate.storage.postgres;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.model.WorkItem;
import dev.workstate.testkit.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Main class run as a separate process by {@link PgMultiProcessTest}: opens the schema named on the command line and
 * creates {@code count} items, printing each id on its own line. Not thread-safe (a main).
 */
public final class ProcessCreator {
    private ProcessCreator() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String schema = args[1];
        int count = Integer.parseInt(args[2]);
        String prefix = args[3];
        WorkstateConfig config = WorkstateConfig.builder()
                .dataDir(Path.of(System.getProperty("java.io.tmpdir")))
                .databaseUrl(url)
                .databaseUser(System.getenv("PG_USER"))
                .databasePassword(System.getenv("PG_PASSWORD"))
                .databaseSchema(schema)
                .storageOrder(List.of("postgres"))
                // eight JVMs start at once on a small machine: connection set-up is slow, the server is not down
                .connectTimeout(java.time.Duration.ofSeconds(20))
                .build();
        try (Workstate ws = Workstate.over(PostgresStore.open(config), config, Clock.systemUTC())) {
            for (int i = 0; i < count; i++) {
                WorkItem w = ws.workItems().create(Fixtures.item("task", prefix + " " + i));
                System.out.println(w.id());
            }
        }
    }
}
