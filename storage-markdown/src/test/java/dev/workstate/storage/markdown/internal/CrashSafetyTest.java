package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can leave behind is ignored or repaired on the next open or write: stale and truncated temp files,
 * a torn journal frame, and a committed journal entry whose files were never written.
 */
class CrashSafetyTest {
    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("markdown");
    }

    @Test
    void staleAndTruncatedTempFilesAreIgnoredAndRemoved() throws IOException {
        WorkItem a;
        try (MarkdownStore s = MarkdownStore.open(dir(), "t")) {
            a = TestItems.create(s, "kept", null);
        }
        Path item = dir().resolve(Layout.workItem(a.id()));
        String whole = Files.readString(item);
        Path tempOfExisting = item.resolveSibling("." + item.getFileName() + ".tmp");
        Files.writeString(tempOfExisting, whole.substring(0, whole.length() / 2));
        Path tempOfNew = dir().resolve("work-items/.0192f0a0-0000-7000-8000-0000000000ff.md.tmp");
        Files.writeString(tempOfNew, "---\nid: 0192f0a0-0000-7000-8000-0000000000ff\nversion: 1\ntit");
        Files.writeString(dir().resolve(".journal.wal.tmp"), "garbage");
        try (MarkdownStore s = MarkdownStore.open(dir(), "t")) {
            assertThat(s.invalidFiles()).isEmpty();
            assertThat(s.workItems().count()).isEqualTo(1);
            assertThat(s.workItems().get(a.id())).contains(a);
        }
        assertThat(Files.readString(item)).isEqualTo(whole);
        try (Stream<Path> files = Files.walk(dir())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void aTornJournalFrameIsIgnoredAndOverwritten() throws IOException {
        MarkdownStore first = MarkdownStore.open(dir(), "t");
        WorkItem a = TestItems.create(first, "before crash", null);
        // a writer died half-way through appending its frame: a length and checksum, then only part of the payload
        try (FileChannel ch = FileChannel.open(dir().resolve(Journal.FILE), StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.allocate(20);
            b.putInt(5000).putInt(12345).put("{\"seq\":99,".getBytes(StandardCharsets.UTF_8)).flip();
            ch.write(b);
        }
        WorkItem b;
        try (MarkdownStore second = MarkdownStore.open(dir(), "t")) {
            assertThat(second.workItems().get(a.id())).contains(a);
            b = TestItems.create(second, "after crash", null);
            // the handle that was open all along catches up past the repaired tail
            assertThat(first.workItems().get(b.id())).contains(b);
        } finally {
            first.close();
        }
        try (MarkdownStore third = MarkdownStore.open(dir(), "t")) {
            assertThat(third.invalidFiles()).isEmpty();
            assertThat(third.workItems().count()).isEqualTo(2);
            assertThat(third.audit().count()).isEqualTo(2);
        }
    }

    @Test
    void aCommittedEntryWhoseFilesWereNeverWrittenIsRedoneOnOpen() throws IOException {
        MarkdownStore crashed = MarkdownStore.open(dir(), "t");
        WorkItem a = TestItems.create(crashed, "durable", null);
        Path item = dir().resolve(Layout.workItem(a.id()));
        String expected = Files.readString(item);
        // simulate a crash right after the journal sync: the record and audit files never got written
        Files.delete(item);
        Files.delete(dir().resolve(Layout.auditSegment(1)));
        try (MarkdownStore s = MarkdownStore.open(dir(), "t")) {
            assertThat(s.workItems().get(a.id())).contains(a);
            assertThat(s.audit().history(EntityType.WORK_ITEM, a.id().toString())).hasSize(1);
        }
        assertThat(Files.readString(item)).isEqualTo(expected);
        crashed.close();
    }

    @Test
    void aLiveHandleRedoesTheNewestEntryOfAWriterThatDiedBeforeWritingFiles() throws IOException {
        try (MarkdownStore live = MarkdownStore.open(dir(), "live")) {
            MarkdownStore dying = MarkdownStore.open(dir(), "dying");
            WorkItem a = TestItems.create(dying, "from the dying writer", null);
            assertThat(live.workItems().get(a.id())).contains(a);
            Path item = dir().resolve(Layout.workItem(a.id()));
            Files.delete(item);
            TestItems.create(live, "next write", null);
            assertThat(item).exists();
            assertThat(RecordCodec.parseWorkItem("x", Files.readString(item))).isEqualTo(a);
            dying.close();
        } catch (InvalidFileException e) {
            throw new AssertionError(e);
        }
    }
}
