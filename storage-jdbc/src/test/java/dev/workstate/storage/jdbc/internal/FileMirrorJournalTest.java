package dev.workstate.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.port.MirrorJournalPort.JournalEntry;
import dev.workstate.port.Mutation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-based mirror journal on real files: entries come back in order and leave once removed (the file is
 * truncated, and deleted on close); a journal left by an instance that is gone — a process killed with
 * {@code SIGKILL} included — is taken over by the next one, while a live process's file is left alone; a record torn
 * by a crash mid-write is ignored and the records before it are kept.
 */
class FileMirrorJournalTest {
    @TempDir
    Path dir;

    private static List<Mutation> entry(String title) {
        AuditEvent e = new AuditEvent(UUID.randomUUID(), EntityType.VENDOR, UUID.randomUUID().toString(), "update",
                "t", Instant.parse("2026-11-26T00:00:00Z"), "{\"title\":\"" + title + "\"}", null);
        return List.of(new Mutation.AppendAudit(e));
    }

    private long journalBytes() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path f : files.toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    private long journalFiles() throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void entriesComeBackInOrderAndLeaveWhenRemoved() throws Exception {
        FileMirrorJournal j = new FileMirrorJournal(dir, "sqlite");
        List<Mutation> a = entry("a");
        List<Mutation> b = entry("b");
        List<Mutation> c = entry("c");
        j.append(a);
        j.append(b);
        j.append(c);

        List<JournalEntry> pending = j.pending(2);
        assertThat(pending).extracting(JournalEntry::mutations).containsExactly(a, b);
        assertThat(j.size()).isEqualTo(3);
        assertThat(journalBytes()).isPositive();

        j.removeThrough(pending.get(1).seq());
        assertThat(j.pending(10)).extracting(JournalEntry::mutations).containsExactly(c);
        j.removeThrough(j.pending(10).get(0).seq());
        assertThat(j.size()).isZero();
        assertThat(journalBytes()).as("truncated once nothing is pending").isZero();

        j.close();
        assertThat(journalFiles()).as("deleted on close when empty").isZero();
    }

    @Test
    void aJournalLeftByAnInstanceThatIsGoneIsTakenOverByTheNext() throws Exception {
        FileMirrorJournal first = new FileMirrorJournal(dir, "sqlite");
        List<Mutation> b = entry("b");
        first.append(entry("a"));
        first.append(b);
        first.removeThrough(first.pending(1).get(0).seq());
        first.close(); // one entry still pending: the file stays

        FileMirrorJournal next = new FileMirrorJournal(dir, "sqlite");
        // the whole file is taken over (the folded record again too: folding it twice changes nothing)
        assertThat(next.pending(10)).extracting(JournalEntry::mutations).endsWith(b);
        next.removeThrough(next.pending(10).get(next.pending(10).size() - 1).seq());
        assertThat(journalFiles()).as("the adopted file is deleted once its entries are removed").isZero();
        assertThat(next.size()).isZero();
        next.close();
    }

    @Test
    void aTornRecordAtTheEndIsIgnoredAndTheRecordsBeforeItKept() throws Exception {
        FileMirrorJournal first = new FileMirrorJournal(dir, "sqlite");
        List<Mutation> a = entry("a");
        first.append(a);
        first.append(entry("b"));
        first.close();
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        // the second record's write was cut short by a crash: it was never acknowledged
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 7);
        }

        FileMirrorJournal next = new FileMirrorJournal(dir, "sqlite");
        assertThat(next.pending(10)).extracting(JournalEntry::mutations).containsExactly(a);
        next.close();
    }

    @Test
    void aLiveProcessKeepsItsJournalAndAKilledOneLeavesItToTheNextInstance() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine(); // past the logging set-up's own lines
            } while (line != null && !line.equals("appended"));
            assertThat(line).as("the writer process appended").isEqualTo("appended");

            FileMirrorJournal here = new FileMirrorJournal(dir, "sqlite");
            assertThat(here.size()).as("the writer is alive and holds its file").isZero();

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(here.size()).as("its entry survives the kill and is taken over").isEqualTo(1);
            assertThat(here.pending(1).get(0).mutations().get(0)).isInstanceOf(Mutation.AppendAudit.class);
            here.close();
        } finally {
            child.destroyForcibly();
        }
    }

    /** The other process of {@link #aLiveProcessKeepsItsJournalAndAKilledOneLeavesItToTheNextInstance}. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            FileMirrorJournal j = new FileMirrorJournal(Path.of(args[0]), "sqlite");
            j.append(entry("from another process"));
            System.out.println("appended");
            System.out.flush();
            // alive, holding its file, until the test kills it (or closes our input, if it dies first)
            System.in.read();
        }
    }
}
