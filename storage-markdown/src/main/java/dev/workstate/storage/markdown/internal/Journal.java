package dev.workstate.storage.markdown.internal;

import dev.workstate.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import tools.jackson.databind.JsonNode;

/**
 * The store's write-ahead journal ({@code journal.wal}): one framed, checksummed entry per committed transaction holding
 * the full new content of every file it changes. Appending an entry and syncing it is the commit point; the files are
 * then written (temp + rename) from it, and a crashed or concurrent process can redo or catch up on them. The journal
 * starts with a header naming the sequence number it continues from, so readers can tell when entries they never saw
 * were checkpointed away.
 *
 * <p>Frame: 4-byte length, 4-byte CRC-32, UTF-8 JSON. A torn last frame (crash mid-append) is ignored and truncated by
 * the next writer.
 *
 * <p>Not thread-safe: callers hold the store's locks.
 */
final class Journal {
    static final String FILE = "journal.wal";

    /** One file change: {@code put} (whole content), {@code delete}, or {@code append} at a byte offset. */
    record Op(String kind, String path, long offset, String data) {
        static Op put(String path, String data) {
            return new Op("put", path, 0, data);
        }

        static Op delete(String path) {
            return new Op("delete", path, 0, null);
        }

        static Op append(String path, long offset, String data) {
            return new Op("append", path, offset, data);
        }
    }

    record Entry(long seq, List<Op> ops) {
    }

    /** What a read found: the header's base sequence, complete entries, where the valid data ends, and the file id. */
    record Read(long baseSeq, String journalId, List<Entry> entries, long validEnd, Object fileKey, long size) {
    }

    /**
     * The header frame as {@link #reset} writes it, read without the JSON mapper: opening a store reads only the header
     * of a checkpointed journal, and building the mapper costs a cold process a few hundred milliseconds.
     */
    record Header(long baseSeq, String journalId) {
        private static final String START = "{\"base_seq\":";
        private static final String MIDDLE = ",\"journal_id\":\"";

        /** The header in {@code json} if it has exactly the written form; null for anything else (for the mapper). */
        static Header parse(String json) {
            if (!json.startsWith(START) || !json.endsWith("\"}")) {
                return null;
            }
            int i = START.length();
            int digits = i;
            while (digits < json.length() && json.charAt(digits) >= '0' && json.charAt(digits) <= '9') {
                digits++;
            }
            if (digits == i || digits - i > 18 || (json.charAt(i) == '0' && digits - i > 1)
                    || !json.startsWith(MIDDLE, digits)) {
                return null;
            }
            int idFrom = digits + MIDDLE.length();
            int idTo = json.length() - 2;
            if (idTo - idFrom != 36) {
                return null;
            }
            for (int k = idFrom; k < idTo; k++) {
                char c = json.charAt(k);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-')) {
                    return null;
                }
            }
            return new Header(Long.parseLong(json, i, digits, 10), json.substring(idFrom, idTo));
        }

        /** The JSON the mapper would write for {@code {base_seq, journal_id}} (what older versions wrote). */
        String json() {
            return START + baseSeq + MIDDLE + journalId + "\"}";
        }
    }

    private final Path file;
    private final Path dir;
    private final boolean sync;

    Journal(Path dir, boolean sync) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
        this.sync = sync;
    }

    Path file() {
        return file;
    }

    /** The journal file's identity and size, or null if it does not exist. */
    BasicFileAttributes stat() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads complete frames starting at {@code offset} (0 = from the header). When starting at 0 the header gives the
     * base sequence; otherwise {@code baseSeq} is -1.
     */
    Read read(long offset) throws IOException {
        return read(offset, Integer.MAX_VALUE);
    }

    /** The header only: base sequence and journal id (a new id each time the journal is replaced). */
    Read header() throws IOException {
        return read(0, 1);
    }

    private Read read(long offset, int maxFrames) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            long size = ch.size();
            long pos = offset;
            long base = -1;
            String id = null;
            List<Entry> entries = new ArrayList<>();
            ByteBuffer head = ByteBuffer.allocate(8);
            while (pos + 8 <= size) {
                head.clear();
                readFully(ch, head, pos);
                head.flip();
                int len = head.getInt();
                int crc = head.getInt();
                if (len < 0 || pos + 8 + len > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(len);
                readFully(ch, payload, pos + 8);
                CRC32 c = new CRC32();
                c.update(payload.array(), 0, len);
                if ((int) c.getValue() != crc) {
                    break;
                }
                String text = new String(payload.array(), 0, len, StandardCharsets.UTF_8);
                Header h = Header.parse(text);
                if (h != null) {
                    base = h.baseSeq();
                    id = h.journalId();
                    if (offset == 0 && maxFrames == 1) {
                        pos += 8 + len;
                        break;
                    }
                    pos += 8 + len;
                    continue;
                }
                JsonNode n = Json.mapper().readTree(text);
                if (n.has("base_seq")) {
                    base = n.get("base_seq").asLong();
                    id = n.has("journal_id") ? n.get("journal_id").asString() : null;
                    if (offset == 0 && maxFrames == 1) {
                        pos += 8 + len;
                        break;
                    }
                } else {
                    List<Op> ops = new ArrayList<>();
                    for (JsonNode o : n.get("ops")) {
                        JsonNode d = o.get("data");
                        ops.add(new Op(o.get("kind").asString(), o.get("path").asString(),
                                o.has("offset") ? o.get("offset").asLong() : 0,
                                d == null || d.isNull() ? null : d.asString()));
                    }
                    entries.add(new Entry(n.get("seq").asLong(), ops));
                }
                pos += 8 + len;
            }
            return new Read(base, id, entries, pos, key, size);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of journal");
            }
        }
    }

    private static byte[] frame(Map<String, Object> payload) {
        return frame(Json.write(payload));
    }

    private static byte[] frame(String payload) {
        byte[] json = payload.getBytes(StandardCharsets.UTF_8);
        CRC32 c = new CRC32();
        c.update(json);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length);
        b.putInt(json.length).putInt((int) c.getValue()).put(json);
        return b.array();
    }

    /**
     * Appends one entry at {@code validEnd} (dropping any torn tail) and syncs it to disk.
     *
     * @return the new end offset
     */
    long append(Entry e, long validEnd) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        List<Map<String, Object>> ops = new ArrayList<>();
        for (Op op : e.ops()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", op.kind());
            o.put("path", op.path());
            if (op.kind().equals("append")) {
                o.put("offset", op.offset());
            }
            o.put("data", op.data());
            ops.add(o);
        }
        m.put("ops", ops);
        byte[] bytes = frame(m);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() > validEnd) {
                ch.truncate(validEnd);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long pos = validEnd;
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
            if (sync) {
                ch.force(false);
            }
            return pos;
        }
    }

    /** Atomically replaces the journal with an empty one continuing from {@code baseSeq}; returns the end offset. */
    long reset(long baseSeq) throws IOException {
        byte[] bytes = frame(new Header(baseSeq, java.util.UUID.randomUUID().toString()).json());
        Path tmp = dir.resolve("." + FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(bytes));
            if (sync) {
                ch.force(true);
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (sync) {
            FileOps.syncDir(dir);
        }
        return bytes.length;
    }
}
