package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import dev.workstate.port.WorkItemFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes (and a handle in this JVM) writing the same directory at once never lose each other's writes, and
 * a process killed mid-write leaves no half-written record behind.
 */
class MultiProcessTest {
    private static final int PER_PROCESS = 25;

    static Process spawn(Path dir, String prefix, int n, String counter) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                WriterMain.class.getName(), dir.toString(), prefix, Integer.toString(n), counter);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static List<String> drain(Process p) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void twoProcessesAndThisJvmWritingTheSameDirectoryLoseNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("markdown");
        WorkItem counter;
        try (MarkdownStore s = MarkdownStore.open(dir, "parent")) {
            counter = TestItems.create(s, "0", null);
        }
        Process a = spawn(dir, "a", PER_PROCESS, counter.id().toString());
        Process b = spawn(dir, "b", PER_PROCESS, counter.id().toString());
        try (MarkdownStore s = MarkdownStore.open(dir, "parent")) {
            for (int i = 0; i < PER_PROCESS; i++) {
                TestItems.create(s, "p-" + i, null);
                TestItems.increment(s, counter.id());
            }
            List<String> outA = drain(a);
            List<String> outB = drain(b);
            assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(outA).contains("done");
            assertThat(outB).contains("done");
            // the live handle catches up with the other processes' writes
            assertThat(s.workItems().count()).isEqualTo(1 + 3L * PER_PROCESS);
        }
        try (MarkdownStore s = MarkdownStore.open(dir, "check")) {
            assertThat(s.invalidFiles()).isEmpty();
            assertThat(s.workItems().count()).isEqualTo(1 + 3L * PER_PROCESS);
            WorkItem c = s.workItems().get(counter.id()).orElseThrow();
            assertThat(c.title()).isEqualTo(Integer.toString(3 * PER_PROCESS));
            assertThat(c.version()).isEqualTo(1 + 3L * PER_PROCESS);
            assertThat(s.audit().history(EntityType.WORK_ITEM, counter.id().toString())).hasSize(1 + 3 * PER_PROCESS);
            assertThat(s.audit().count()).isEqualTo(1 + 3L * PER_PROCESS + 3L * PER_PROCESS);
            List<String> titles = s.workItems().list(WorkItemFilter.allLive(Instant.now())).items().stream()
                    .map(WorkItem::title).toList();
            for (String p : List.of("a", "b", "p")) {
                for (int i = 0; i < PER_PROCESS; i++) {
                    assertThat(titles).contains(p + "-" + i);
                }
            }
        }
    }

    @Test
    void aProcessKilledMidWriteLeavesOnlyWholeRecords(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("markdown");
        MarkdownStore.open(dir, "parent").close();
        Process p = spawn(dir, "k", 100_000, "-");
        int acked = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("ack ")) {
                    acked = Integer.parseInt(line.substring(4));
                    if (acked >= 60) {
                        break;
                    }
                }
            }
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (MarkdownStore s = MarkdownStore.open(dir, "check")) {
            assertThat(s.invalidFiles()).isEmpty();
            long items = s.workItems().count();
            assertThat(items).isGreaterThanOrEqualTo(acked);
            // each item and its audit event were one transaction: both or neither survived
            assertThat(s.audit().count()).isEqualTo(items);
            s.workItems().list(WorkItemFilter.allLive(Instant.now())).items()
                    .forEach(w -> assertThat(s.audit().history(EntityType.WORK_ITEM, w.id().toString())).hasSize(1));
        }
    }
}
