package dev.workstate.storage.jdbc.internal;

import dev.workstate.error.StorageUnavailableException;
import dev.workstate.internal.MutationCodec;
import dev.workstate.port.MirrorJournalPort;
import dev.workstate.port.Mutation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mirror journal kept in files beside a SQLite database instead of in it, so a mirrored write costs the caller one
 * {@code write} system call and none of SQLite's native code between two PostgreSQL round trips. Each store instance
 * appends to a file of its own ({@code <database>.mirror/<random>.journal}), holding an exclusive lock on it for its
 * life; records are {@code [length][CRC-32][MutationCodec.encodeAll UTF-8]}. What this instance appended is also kept
 * in memory until folded, so folding reads no file; when nothing is left the file is truncated.
 *
 * <p>Durability is SQLite's {@code synchronous=NORMAL}: a record is in the operating system's cache when
 * {@link #append} returns (a crash of the process loses nothing; a power cut may lose the last writes, as it may
 * lose SQLite's last commits). A torn record at the end of a file was never acknowledged and is ignored. Files of
 * instances that are gone (their lock can be taken) are read by the next {@link #pending} or {@link #size} and deleted
 * once their entries are removed; folding an entry twice (a crash between the fold's commit and the truncation) is a
 * no-op by the fold's rules.
 *
 * <p>Thread-safe (every method synchronised).
 */
public final class FileMirrorJournal implements MirrorJournalPort {
    private static final Logger LOG = LoggerFactory.getLogger(FileMirrorJournal.class);
    private static final String SUFFIX = ".journal";
    private static final int HEADER = 8;

    private final Path dir;
    private final String layer;
    private Path ownPath;
    private FileChannel own;
    private FileLock ownLock;
    /** Pending entries in seq order: this instance's and those of files left by gone instances, as found. */
    private final List<JournalEntry> entries = new ArrayList<>();
    /** Files of gone instances whose entries are pending, with the seq of their last entry. */
    private final Map<Path, Long> adopted = new LinkedHashMap<>();
    /** Seqs of this instance's pending entries; when none is left the own file holds nothing pending. */
    private final java.util.TreeSet<Long> ownSeqs = new java.util.TreeSet<>();
    /**
     * Every own file of an instance in this JVM. A scan never opens one: closing a channel of a file drops every
     * lock this process holds on it, so reading a live sibling's file would unlock it for other processes.
     */
    private static final java.util.Set<Path> LIVE_IN_THIS_JVM = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long nextSeq = 1;
    private boolean closed;

    public FileMirrorJournal(Path dir, String layer) {
        this.dir = dir;
        this.layer = layer;
    }

    @Override
    public synchronized void append(List<Mutation> mutations) {
        byte[] payload = MutationCodec.encodeAll(mutations).getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        CRC32 crc = new CRC32();
        crc.update(payload);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try {
            FileChannel ch = ownChannel();
            while (record.hasRemaining()) {
                ch.write(record);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException(layer, "cannot write the mirror journal", e);
        }
        long seq = nextSeq++;
        ownSeqs.add(seq);
        entries.add(new JournalEntry(seq, mutations));
    }

    @Override
    public synchronized List<JournalEntry> pending(int limit) {
        adoptGoneFiles();
        return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
    }

    @Override
    public synchronized void removeThrough(long seq) {
        entries.removeIf(e -> e.seq() <= seq);
        adopted.entrySet().removeIf(f -> {
            if (f.getValue() > seq) {
                return false;
            }
            delete(f.getKey());
            return true;
        });
        ownSeqs.headSet(seq, true).clear();
        if (own != null && ownSeqs.isEmpty()) {
            try {
                own.truncate(0);
                own.position(0);
            } catch (IOException e) {
                // the records stay; the next instance folds them again, which changes nothing
                LOG.debug("truncating {} failed", ownPath, e);
            }
        }
    }

    @Override
    public synchronized long size() {
        adoptGoneFiles();
        return entries.size();
    }

    /**
     * Releases this instance's file: deleted when nothing of it is pending, else left unlocked for the next instance
     * (and its pending entries with it).
     */
    public synchronized void close() {
        closed = true;
        if (own == null) {
            return;
        }
        try {
            ownLock.release();
            own.close();
            if (ownSeqs.isEmpty()) {
                Files.deleteIfExists(ownPath);
            }
        } catch (IOException e) {
            LOG.debug("closing {} failed", ownPath, e);
        } finally {
            LIVE_IN_THIS_JVM.remove(ownPath);
        }
        own = null;
    }

    private FileChannel ownChannel() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (own == null) {
            Files.createDirectories(dir);
            ownPath = dir.resolve(UUID.randomUUID() + SUFFIX);
            LIVE_IN_THIS_JVM.add(ownPath);
            own = FileChannel.open(ownPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ownLock = own.lock();
        }
        return own;
    }

    /**
     * Takes over the files of instances that are gone (a file whose lock can be taken has no owner): their records
     * join the pending entries after those already known (their order against this instance's writes is settled by
     * versions when they are folded).
     */
    private void adoptGoneFiles() {
        if (closed || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                if (f.equals(ownPath) || adopted.containsKey(f) || LIVE_IN_THIS_JVM.contains(f)) {
                    continue;
                }
                List<List<Mutation>> records = readIfGone(f);
                if (records == null) {
                    continue;
                }
                if (records.isEmpty()) {
                    delete(f);
                    continue;
                }
                for (List<Mutation> r : records) {
                    entries.add(new JournalEntry(nextSeq++, r));
                }
                adopted.put(f, nextSeq - 1);
                LOG.debug("adopted {} mirror journal entries of a gone instance from {}", records.size(), f);
            }
        } catch (IOException e) {
            LOG.debug("listing {} failed", dir, e);
        }
    }

    /** The records of {@code f} if its owner is gone (its lock can be taken), else null. */
    private List<List<Mutation>> readIfGone(Path f) {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return null; // held by another instance in this JVM
            }
            if (lock == null) {
                return null; // held by a live process
            }
            try {
                return readRecords(ch);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("reading {} failed", f, e);
            return null;
        }
    }

    private List<List<Mutation>> readRecords(FileChannel ch) throws IOException {
        List<List<Mutation>> out = new ArrayList<>();
        ByteBuffer all = ByteBuffer.allocate((int) ch.size());
        while (all.hasRemaining() && ch.read(all, all.position()) > 0) {
            // reads the whole file
        }
        all.flip();
        while (all.remaining() >= HEADER) {
            int length = all.getInt();
            int sum = all.getInt();
            if (length < 0 || length > all.remaining()) {
                break; // a record torn by a crash mid-write: never acknowledged
            }
            byte[] payload = new byte[length];
            all.get(payload);
            CRC32 crc = new CRC32();
            crc.update(payload);
            if ((int) crc.getValue() != sum) {
                break;
            }
            out.add(MutationCodec.decodeAll(new String(payload, StandardCharsets.UTF_8)));
        }
        return out;
    }

    private void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.debug("deleting {} failed", f, e);
        }
    }
}
