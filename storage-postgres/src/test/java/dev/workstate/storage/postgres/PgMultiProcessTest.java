package dev.workstate.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.WorkItem;
import dev.workstate.port.Store;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.testkit.PgTestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight processes (not threads) open a fresh schema at the same moment — so they also race on creating it and on the
 * Liquibase migration — and create items at once: all items are there, no id twice.
 */
class PgMultiProcessTest {
    @TempDir
    Path dir;

    @Test
    void eightProcessesCreateAtOnce() throws Exception {
        PgTestDatabase db = PgTestDatabase.get();
        String schema = db.freshSchema();
        int processes = 8;
        int perProcess = 25;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), ProcessCreator.class.getName(), db.url(), schema,
                    String.valueOf(perProcess), "process-" + p);
            if (db.user() != null) {
                pb.environment().put("PG_USER", db.user());
            }
            if (db.password() != null) {
                pb.environment().put("PG_PASSWORD", db.password());
            }
            pb.redirectError(dir.resolve("stderr-" + p + ".txt").toFile());
            running.add(pb.start());
        }
        Set<String> printed = new HashSet<>();
        int printedLines = 0;
        for (int p = 0; p < processes; p++) {
            Process proc = running.get(p);
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(proc.exitValue()).as("process %d failed: %s", p,
                    Files.readString(dir.resolve("stderr-" + p + ".txt"))).isZero();
            for (String line : out.split("\\R")) {
                // only the printed ids count; a child JVM may also print logging status lines
                if (line.trim().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                    printed.add(line.trim());
                    printedLines++;
                }
            }
        }
        assertThat(printedLines).isEqualTo(processes * perProcess);
        assertThat(printed).hasSize(processes * perProcess);
        try (Store store = PostgresStore.open(db.config(dir, schema))) {
            List<WorkItem> all = store.workItems().list(WorkItemFilter.allLive(Instant.now())).items();
            Set<String> ids = new HashSet<>();
            all.forEach(w -> ids.add(w.id().toString()));
            assertThat(all).hasSize(processes * perProcess);
            assertThat(ids).isEqualTo(printed);
        } finally {
            db.dropSchema(schema);
        }
    }
}
