package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.TestResults;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a directory of 12 000 work items (plus 450 vendors and one audit event per item) and prints how long that
 * and point reads take; asserts the counts only, never times.
 */
class OpenTimingTest {
    @Test
    void opens12000RecordsAndPrintsTheTime(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("markdown");
        Files.createDirectories(dir.resolve(Layout.WORK_ITEMS));
        Files.createDirectories(dir.resolve(Layout.VENDORS));
        Files.createDirectories(dir.resolve(Layout.AUDIT));
        List<UUID> ids = new ArrayList<>();
        StringBuilder audit = new StringBuilder();
        List<WorkItem> level = new ArrayList<>();
        int made = 0;
        while (made < 12_000) {
            WorkItem parent = level.isEmpty() || made % 7 == 0 ? null : level.get(made % level.size());
            if (parent != null && parent.depth() >= 4) {
                parent = null;
            }
            WorkItem w = TestItems.newItem("Item " + made + " parser search", parent);
            Files.writeString(dir.resolve(Layout.workItem(w.id())), RecordCodec.workItem(w), StandardCharsets.UTF_8);
            AuditEvent e = TestItems.event(w, "create");
            audit.append(JsonCodec.auditLine(e)).append('\n');
            if (level.size() < 500) {
                level.add(w);
            }
            ids.add(w.id());
            made++;
        }
        Files.writeString(dir.resolve(Layout.auditSegment(1)), audit.toString(), StandardCharsets.UTF_8);
        for (int i = 0; i < 450; i++) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            Vendor v = new Vendor(UUID.randomUUID(), 1, "vendor " + i, VendorStatus.BROKEN, "0.0.0",
                    new VendorMetadata(FormatSupport.NONE, TestResults.NONE, "0.0.0", false), t, t, "t", "t");
            Files.writeString(dir.resolve(Layout.vendor(v.id())), RecordCodec.vendor(v), StandardCharsets.UTF_8);
        }

        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            long openMs = (System.nanoTime() - start) / 1_000_000;
            long openCpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            assertThat(s.workItems().count()).isEqualTo(12_000);
            assertThat(s.vendors().list(null, 1000, 0).totalCount()).isEqualTo(450);
            assertThat(s.audit().count()).isEqualTo(12_000);
            assertThat(s.invalidFiles()).isEmpty();
            int reads = 200_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                s.workItems().get(ids.get(i % ids.size()));
            }
            double readUs = (System.nanoTime() - t0) / 1e3 / reads;
            long t1 = System.nanoTime();
            s.vendors().findByName("VENDOR 17");
            int searches = 20;
            for (int i = 0; i < searches; i++) {
                s.workItems().list(new dev.workstate.port.WorkItemFilter(null, null, null, false, false,
                        "parser " + i, false, false, null, Instant.now(), 50, 0));
            }
            double searchMs = (System.nanoTime() - t1) / 1e6 / searches;
            System.err.printf("markdown store: opened 12000 work items + 450 vendors + 12000 audit events in %d ms"
                    + " wall, %d ms CPU (cold JVM, load average %.1f); point read %.2f us avg; search top 50 %.2f ms"
                    + " avg%n", openMs, openCpuMs, os.getSystemLoadAverage(), readUs, searchMs);
        }
        for (int round = 2; round <= 2; round++) {
            long c0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
                assertThat(s.workItems().count()).isEqualTo(12_000);
                System.err.printf("markdown store: open #%d of the same directory (warm JVM) %d ms wall, %d ms CPU%n",
                        round, (System.nanoTime() - w0) / 1_000_000, (os.getProcessCpuTime() - c0) / 1_000_000);
            }
        }
    }
}
