package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.error.DuplicateException;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log is read on first use rather than at open: every answer (events, deduplication, segment line counts,
 * invalid lines) is the same as when it was read at open, also when other handles wrote in between.
 */
class LazyAuditTest {
    @TempDir
    Path tmp;

    @Test
    void otherHandlesWritesBeforeTheFirstUseAreSeenExactlyOnce() {
        Path dir = tmp.resolve("markdown");
        WorkItem first;
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            first = TestItems.create(s, "first", null);
        }
        try (MarkdownStore lazy = MarkdownStore.open(dir, "lazy"); MarkdownStore other = MarkdownStore.open(dir, "o")) {
            assertThat(lazy.workItems().get(first.id())).contains(first); // no audit use yet
            TestItems.create(other, "second", null);
        }
        try (MarkdownStore lazy = MarkdownStore.open(dir, "lazy"); MarkdownStore other = MarkdownStore.open(dir, "o")) {
            assertThat(lazy.workItems().count()).isEqualTo(2);
            WorkItem counter = TestItems.create(other, "0", null);
            TestItems.increment(other, counter.id());
            TestItems.increment(other, counter.id());
            // the lazy handle caught up on records from the journal before it ever read the log
            assertThat(lazy.workItems().get(counter.id()).orElseThrow().title()).isEqualTo("2");
            assertThat(lazy.audit().history(EntityType.WORK_ITEM, counter.id().toString()))
                    .extracting(AuditEvent::operation).containsExactly("create", "update", "update");
            assertThat(lazy.audit().count()).isEqualTo(5);
            // further writes by the other handle are applied to the now loaded log
            TestItems.increment(other, counter.id());
            assertThat(lazy.audit().count()).isEqualTo(6);
            assertThat(lazy.audit().all(100, 0)).extracting(AuditEvent::id).doesNotHaveDuplicates();
            try (MarkdownStore fresh = MarkdownStore.open(dir, "fresh")) {
                assertThat(lazy.audit().all(100, 0)).isEqualTo(fresh.audit().all(100, 0)); // same order too
            }
        }
    }

    @Test
    void theFirstWriteReadsTheLogSoDuplicatesAreStillRefused() {
        Path dir = tmp.resolve("markdown");
        AuditEvent event;
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            WorkItem w = TestItems.create(s, "x", null);
            event = s.audit().history(EntityType.WORK_ITEM, w.id().toString()).get(0);
        }
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThatThrownBy(() -> s.apply(new Mutation.AppendAudit(event))).isInstanceOf(DuplicateException.class);
            assertThat(s.audit().count()).isEqualTo(1);
        }
    }

    @Test
    void segmentsRollOverAtTheSameLineWhenAnotherHandleWroteBeforeTheFirstUse() throws IOException {
        Path dir = tmp.resolve("markdown");
        WorkItem w;
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            w = TestItems.create(s, "x", null);
            s.inTransaction(() -> {
                for (int i = 1; i < Layout.AUDIT_SEGMENT_LINES - 2; i++) {
                    s.apply(new Mutation.AppendAudit(TestItems.event(w, "touch")));
                }
                return null;
            });
        }
        assertThat(lines(dir.resolve(Layout.auditSegment(1)))).hasSize(Layout.AUDIT_SEGMENT_LINES - 2);
        try (MarkdownStore lazy = MarkdownStore.open(dir, "lazy"); MarkdownStore other = MarkdownStore.open(dir, "o")) {
            assertThat(lazy.workItems().count()).isEqualTo(1);
            other.apply(new Mutation.AppendAudit(TestItems.event(w, "a")));
            assertThat(lazy.workItems().count()).isEqualTo(1); // caught up with the journal, log not read yet
            // the lazy handle's first write reads the log after catching up: the last line of segment 1
            lazy.apply(new Mutation.AppendAudit(TestItems.event(w, "b")));
            assertThat(lines(dir.resolve(Layout.auditSegment(1)))).hasSize(Layout.AUDIT_SEGMENT_LINES);
            assertThat(dir.resolve(Layout.auditSegment(2))).doesNotExist();
            other.apply(new Mutation.AppendAudit(TestItems.event(w, "c")));
            lazy.apply(new Mutation.AppendAudit(TestItems.event(w, "d")));
        }
        assertThat(lines(dir.resolve(Layout.auditSegment(1)))).hasSize(Layout.AUDIT_SEGMENT_LINES);
        assertThat(lines(dir.resolve(Layout.auditSegment(2)))).hasSize(2).allMatch(l -> !l.isBlank());
        try (MarkdownStore s = MarkdownStore.open(dir, "check")) {
            assertThat(s.audit().count()).isEqualTo(Layout.AUDIT_SEGMENT_LINES + 2L);
            assertThat(s.invalidFiles()).isEmpty();
        }
    }

    @Test
    void invalidAuditLinesAreReportedWithoutAnyAuditCall() throws IOException {
        Path dir = tmp.resolve("markdown");
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            TestItems.create(s, "a", null);
            TestItems.create(s, "b", null);
        }
        Path seg = dir.resolve(Layout.auditSegment(1));
        List<String> lines = lines(seg);
        Files.writeString(seg, lines.get(0) + "\n{not json\n");
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThat(s.invalidFiles()).extracting(InvalidFileException::getMessage)
                    .containsExactly(Layout.auditSegment(1) + ":2: invalid audit event");
            assertThat(s.workItems().count()).isEqualTo(2);
            assertThat(s.audit().count()).isEqualTo(1);
        }
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThat(s.status().layers().get(0).reason()).contains("1 invalid file(s)")
                    .contains(Layout.auditSegment(1) + ":2");
        }
    }

    @Test
    void warmUpReadsTheLogAheadAndAClosedStoreIgnoresIt() {
        Path dir = tmp.resolve("markdown");
        MarkdownStore s = MarkdownStore.open(dir, "t");
        TestItems.create(s, "a", null);
        s.warmUp();
        assertThat(s.audit().count()).isEqualTo(1);
        s.close();
        s.warmUp();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
