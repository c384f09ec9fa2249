package dev.workstate.storage.markdown.internal;

import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.ItemType;
import dev.workstate.model.TestResults;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parse cache ({@value #FILE} in the store directory): for every valid record file (work items, vendors,
 * deployments, enhancements, dependencies; not the configuration, outbox or conflicts), its relative name, the file's
 * exact bytes and the parsed record in a compact binary form. Opening a store reads each file as before, and when
 * its bytes are identical to the cached ones takes the record from here instead of parsing the front matter, which on
 * a cold JVM is most of the open's work (the parser's code must be loaded, interpreted and compiled first).
 *
 * <p>Invisible to correctness by construction: a cached record is used only for byte-for-byte the content it was parsed
 * from (parsing is a pure function of the file name and content), so a file edited by hand, written by another process,
 * copied with new times or restored by git is never served stale; a file whose bytes differ is parsed. A missing, torn,
 * corrupt (CRC-32 over the whole file) or foreign-version cache is ignored and rebuilt. It is written after an open that
 * found it stale, atomically (a uniquely named temp file, then rename), without any lock: two processes writing it at
 * once both write valid caches and the last rename wins. Invalid files are never cached (they are parsed on every
 * open, so their errors are reported as before). Bump {@link #VERSION} whenever the encoding or the parse rules change
 * ({@code ParseCacheFormatTest} fails on a change of the encoding that keeps the version; a change of what a valid file
 * parses to is a judgment call).
 *
 * <p>Immutable after {@link #read}; thread-safe.
 */
final class ParseCache {
    private static final Logger LOG = LoggerFactory.getLogger(ParseCache.class);
    static final String FILE = ".records.cache";
    private static final int MAGIC = 0x57534d43; // "WSMC"
    static final int VERSION = 1;
    private static final ParseCache EMPTY = new ParseCache(null, Map.of());
    /** The writer hands the file system this much at a time (no buffer the size of the cache). */
    private static final int WRITE_CHUNK = 256 << 10;

    private static final byte NULL = 0;
    private static final byte LATIN1 = 1;
    private static final byte UTF16 = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte LIST = 7;
    private static final byte MAP = 8;

    /** Where one file's entry lies in {@link #data}: the file bytes, then the encoded record. */
    record Slot(int textFrom, int textLength, int recordFrom, int recordLength) {
    }

    /** A record the cache answered, with the slot the next cache can copy it from. */
    record Hit(Object record, Slot slot) {
    }

    private final byte[] data;
    private final Map<String, Slot> slots;

    private ParseCache(byte[] data, Map<String, Slot> slots) {
        this.data = data;
        this.slots = slots;
    }

    /** Number of cached files. */
    int size() {
        return slots.size();
    }

    /** Enum constants in their order: records store ordinals, so a reordered enum must invalidate the cache. */
    private static String fingerprint() {
        return VERSION + ":" + Arrays.toString(ItemType.values()) + Arrays.toString(WorkItemStatus.values())
                + Arrays.toString(VendorStatus.values()) + Arrays.toString(EnhancementStatus.values())
                + Arrays.toString(DependencyType.values());
    }

    /** Reads the cache of {@code dir}; an empty cache when there is none or it cannot be trusted. */
    static ParseCache read(Path dir) {
        Path file = dir.resolve(FILE);
        byte[] data;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return EMPTY;
            }
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException | RuntimeException e) {
            LOG.debug("markdown store: parse cache not readable, ignored", e);
            return EMPTY;
        }
        try {
            if (data.length < 16) {
                return EMPTY;
            }
            CRC32 crc = new CRC32();
            crc.update(data, 0, data.length - 4);
            In in = new In(data, data.length - 4);
            if (in.intAt(data.length - 4) != (int) crc.getValue() || in.readInt() != MAGIC
                    || !fingerprint().equals(in.readString())) {
                LOG.debug("markdown store: parse cache of another version or damaged, ignored");
                return EMPTY;
            }
            int n = in.readInt(); // at most this many entries (a sizing hint)
            Map<String, Slot> slots = new HashMap<>(Math.max(16, Math.min(n, 1 << 20) * 4 / 3 + 1));
            while (in.readByte() == 1) {
                String rel = in.readString();
                int textLength = in.readInt();
                int textFrom = in.pos;
                in.skip(textLength);
                int recordLength = in.readInt();
                int recordFrom = in.pos;
                in.skip(recordLength);
                slots.put(rel, new Slot(textFrom, textLength, recordFrom, recordLength));
            }
            if (in.pos != data.length - 4) {
                return EMPTY;
            }
            return new ParseCache(data, slots);
        } catch (RuntimeException e) {
            LOG.debug("markdown store: parse cache damaged, ignored", e);
            return EMPTY;
        }
    }

    /** Whether records of the file at {@code rel} (relative to the store directory) are kept in the cache. */
    static boolean cacheable(String rel) {
        return rel.startsWith(Layout.WORK_ITEMS + "/") || rel.startsWith(Layout.VENDORS + "/")
                || rel.startsWith(Layout.DEPLOYMENTS + "/") || rel.startsWith(Layout.ENHANCEMENTS + "/")
                || rel.startsWith(Layout.DEPENDENCIES + "/");
    }

    /**
     * The cached record of the file at {@code rel} if its bytes ({@code bytes[0..length)}) are exactly the cached ones;
     * null otherwise (the caller parses the file).
     */
    Hit lookup(String rel, byte[] bytes, int length) {
        Slot s = slots.get(rel);
        if (s == null || s.textLength() != length
                || !Arrays.equals(data, s.textFrom(), s.textFrom() + length, bytes, 0, length)) {
            return null;
        }
        try {
            return new Hit(decode(new In(data, s.recordFrom() + s.recordLength()).at(s.recordFrom())), s);
        } catch (RuntimeException e) {
            return null; // damaged entry despite the checksum: parse the file
        }
    }

    // =================================================================== writing

    /** The content of the next cache: entries copied from this one or encoded from freshly parsed records. */
    final class Next {
        private final List<Object[]> entries = new ArrayList<>();
        private int encoded;

        /** Keeps a record the cache answered. */
        void keep(String rel, Slot slot) {
            entries.add(new Object[] {rel, slot});
        }

        /** Adds a freshly parsed record with the exact bytes it was parsed from. */
        void add(String rel, Object record, byte[] text) {
            entries.add(new Object[] {rel, text, record});
            encoded++;
        }

        /** Whether the cache on disk differs from what this open found (new or changed files, or removed ones). */
        boolean changed() {
            return encoded > 0 || entries.size() != slots.size();
        }

        int size() {
            return entries.size();
        }

        /**
         * Writes the new cache atomically (temp file, rename), streaming it through a small buffer; failures are logged
         * and leave the old one.
         */
        void write(Path dir) {
            // a name of its own per writer: two processes may write at once, and the last rename wins
            Path tmp = dir.resolve(FILE + "." + ProcessHandle.current().pid() + "-" + System.nanoTime()
                    + FileOps.TEMP_SUFFIX);
            try {
                int n = 0;
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    CRC32 crc = new CRC32();
                    Out out = new Out(WRITE_CHUNK + (64 << 10));
                    Out record = new Out(4096);
                    out.writeInt(MAGIC);
                    out.writeString(fingerprint());
                    out.writeInt(entries.size());
                    for (Object[] e : entries) {
                        if (e[1] instanceof Slot s) {
                            entry(out, (String) e[0], data, s.textFrom(), s.textLength(), data, s.recordFrom(),
                                    s.recordLength());
                        } else {
                            record.size = 0;
                            try {
                                encode(record, e[2]);
                            } catch (IllegalArgumentException | ClassCastException unsupported) {
                                continue; // a value the encoding does not know: that file is parsed on each open
                            }
                            byte[] text = (byte[]) e[1];
                            entry(out, (String) e[0], text, 0, text.length, record.buf, 0, record.size);
                        }
                        n++;
                        if (out.size >= WRITE_CHUNK) {
                            flush(ch, out, crc);
                        }
                    }
                    out.writeByte(0);
                    flush(ch, out, crc);
                    out.writeInt((int) crc.getValue());
                    flush(ch, out, null);
                }
                // not synced: after a power cut a torn cache fails its checksum and is rebuilt
                try {
                    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
                }
                LOG.debug("markdown store: parse cache written ({} files)", n);
            } catch (IOException | RuntimeException e) {
                LOG.debug("markdown store: parse cache not written", e);
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stale temp file is removed by the next open
                }
            }
        }

        private void entry(Out out, String rel, byte[] text, int textFrom, int textLength, byte[] rec, int recFrom,
                int recLength) {
            out.writeByte(1);
            out.writeString(rel);
            out.writeInt(textLength);
            out.write(text, textFrom, textLength);
            out.writeInt(recLength);
            out.write(rec, recFrom, recLength);
        }

        private void flush(FileChannel ch, Out out, CRC32 crc) throws IOException {
            if (crc != null) {
                crc.update(out.buf, 0, out.size);
            }
            ByteBuffer b = ByteBuffer.wrap(out.buf, 0, out.size);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            out.size = 0;
        }
    }

    Next next() {
        return new Next();
    }

    // =================================================================== record encoding

    private static final byte WORK_ITEM = 1;
    private static final byte VENDOR = 2;
    private static final byte DEPLOYMENT = 3;
    private static final byte ENHANCEMENT = 4;
    private static final byte DEPENDENCY = 5;

    /** Encodes a record with a leading type byte. */
    static void encode(Out o, Object record) {
        if (record instanceof WorkItem w) {
            o.writeByte(WORK_ITEM);
            encodeWorkItem(o, w);
        } else if (record instanceof Vendor v) {
            o.writeByte(VENDOR);
            encodeVendor(o, v);
        } else if (record instanceof Deployment d) {
            o.writeByte(DEPLOYMENT);
            encodeDeployment(o, d);
        } else if (record instanceof Enhancement e) {
            o.writeByte(ENHANCEMENT);
            encodeEnhancement(o, e);
        } else if (record instanceof Dependency d) {
            o.writeByte(DEPENDENCY);
            o.writeUuid(d.sourceId());
            o.writeUuid(d.targetId());
            o.writeByte(d.dependencyType().ordinal());
            o.writeInstant(d.createdAt());
            o.writeString(d.createdBy());
        } else {
            throw new IllegalArgumentException("not a cached record type");
        }
    }

    /** Decodes what {@link #encode} wrote, checking that exactly the record's bytes were used. */
    static Object decode(In in) {
        int type = in.readByte();
        Object r = switch (type) {
            case WORK_ITEM -> decodeWorkItem(in);
            case VENDOR -> decodeVendor(in);
            case DEPLOYMENT -> decodeDeployment(in);
            case ENHANCEMENT -> decodeEnhancement(in);
            case DEPENDENCY -> new Dependency(in.readUuid(), in.readUuid(), DependencyType.values()[in.readByte()],
                    in.readInstant(), in.readString());
            default -> throw new IllegalStateException("unknown record type " + type);
        };
        if (in.pos != in.end) {
            throw new IllegalStateException("record length mismatch");
        }
        return r;
    }

    private static void encodeVendor(Out o, Vendor v) {
        o.writeUuid(v.id());
        o.writeLong(v.version());
        o.writeString(v.name());
        o.writeByte(v.status().ordinal());
        o.writeString(v.extractorVersion());
        VendorMetadata m = v.metadata();
        o.writeByte(m == null ? 0 : 1);
        if (m != null) {
            FormatSupport f = m.formatSupport();
            o.writeByte(f == null ? 0 : 1);
            if (f != null) {
                o.writeByte((f.excel() ? 1 : 0) | (f.csv() ? 2 : 0) | (f.pdf() ? 4 : 0) | (f.ocr() ? 8 : 0));
            }
            TestResults t = m.testResults();
            o.writeByte(t == null ? 0 : 1);
            if (t != null) {
                o.writeLong(t.passing());
                o.writeLong(t.total());
                o.writeLong(t.skipped());
            }
            o.writeString(m.extractorVersion());
            o.writeByte(m.manifestCompliant() ? 1 : 0);
        }
        o.writeInstant(v.createdAt());
        o.writeInstant(v.updatedAt());
        o.writeString(v.createdBy());
        o.writeString(v.updatedBy());
    }

    private static Vendor decodeVendor(In in) {
        UUID id = in.readUuid();
        long version = in.readLong();
        String name = in.readString();
        VendorStatus status = VendorStatus.values()[in.readByte()];
        String extractorVersion = in.readString();
        VendorMetadata m = null;
        if (in.readByte() != 0) {
            FormatSupport f = null;
            if (in.readByte() != 0) {
                int bits = in.readByte();
                f = new FormatSupport((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
            }
            TestResults t = in.readByte() == 0 ? null : new TestResults(in.readLong(), in.readLong(), in.readLong());
            m = new VendorMetadata(f, t, in.readString(), in.readByte() != 0);
        }
        return new Vendor(id, version, name, status, extractorVersion, m, in.readInstant(), in.readInstant(),
                in.readString(), in.readString());
    }

    private static void encodeDeployment(Out o, Deployment d) {
        o.writeUuid(d.id());
        o.writeInstant(d.deployedAt());
        o.writeString(d.commitHash());
        DeploymentMetadata m = d.metadata();
        o.writeByte(m == null ? 0 : 1);
        if (m != null) {
            o.writeInt(m.prNumber());
            o.writeString(m.prTitle());
            o.writeString(m.commitHash());
            o.writeValue(m.testSummary());
            o.writeByte(m.constitutionalCompliance() ? 1 : 0);
        }
        o.writeUuids(d.vendorIds());
        o.writeUuids(d.workItemIds());
        o.writeInstant(d.createdAt());
        o.writeString(d.createdBy());
    }

    @SuppressWarnings("unchecked")
    private static Deployment decodeDeployment(In in) {
        UUID id = in.readUuid();
        Instant deployedAt = in.readInstant();
        String commitHash = in.readString();
        DeploymentMetadata m = null;
        if (in.readByte() != 0) {
            m = new DeploymentMetadata(in.readInt(), in.readString(), in.readString(),
                    (Map<String, Long>) in.readValue(), in.readByte() != 0);
        }
        return new Deployment(id, deployedAt, commitHash, m, in.readUuids(), in.readUuids(), in.readInstant(),
                in.readString());
    }

    private static void encodeEnhancement(Out o, Enhancement e) {
        o.writeUuid(e.id());
        o.writeLong(e.version());
        o.writeString(e.title());
        o.writeString(e.description());
        o.writeInt(e.priority());
        o.writeByte(e.status().ordinal());
        o.writeString(e.targetQuarter());
        o.writeValue(e.constitutionalPrinciples());
        o.writeInstant(e.createdAt());
        o.writeInstant(e.updatedAt());
        o.writeString(e.createdBy());
        o.writeString(e.updatedBy());
    }

    @SuppressWarnings("unchecked")
    private static Enhancement decodeEnhancement(In in) {
        return new Enhancement(in.readUuid(), in.readLong(), in.readString(), in.readString(), in.readInt(),
                EnhancementStatus.values()[in.readByte()], in.readString(), (List<String>) in.readValue(),
                in.readInstant(), in.readInstant(), in.readString(), in.readString());
    }

    static void encodeWorkItem(Out o, WorkItem w) {
        o.writeUuid(w.id());
        o.writeLong(w.version());
        o.writeByte(w.itemType().ordinal());
        o.writeString(w.title());
        o.writeString(w.description());
        o.writeByte(w.status().ordinal());
        o.writeNullableUuid(w.parentId());
        o.writeString(w.path());
        o.writeInt(w.depth());
        o.writeString(w.branchName());
        o.writeString(w.commitHash());
        if (w.prNumber() == null) {
            o.writeByte(0);
        } else {
            o.writeByte(1);
            o.writeInt(w.prNumber());
        }
        o.writeValue(w.metadata());
        o.writeString(w.claimedBy());
        o.writeInstant(w.claimExpiresAt());
        o.writeInstant(w.deletedAt());
        o.writeInstant(w.archivedAt());
        o.writeInstant(w.createdAt());
        o.writeInstant(w.updatedAt());
        o.writeString(w.createdBy());
        o.writeString(w.updatedBy());
    }

    @SuppressWarnings("unchecked")
    static WorkItem decodeWorkItem(In in) {
        WorkItem.Builder b = WorkItem.builder()
                .id(in.readUuid())
                .version(in.readLong())
                .itemType(ItemType.values()[in.readByte()])
                .title(in.readString())
                .description(in.readString())
                .status(WorkItemStatus.values()[in.readByte()])
                .parentId(in.readNullableUuid())
                .path(in.readString())
                .depth(in.readInt())
                .branchName(in.readString())
                .commitHash(in.readString());
        b.prNumber(in.readByte() == 0 ? null : in.readInt());
        b.metadata((Map<String, Object>) in.readValue());
        return b.claimedBy(in.readString())
                .claimExpiresAt(in.readInstant())
                .deletedAt(in.readInstant())
                .archivedAt(in.readInstant())
                .createdAt(in.readInstant())
                .updatedAt(in.readInstant())
                .createdBy(in.readString())
                .updatedBy(in.readString())
                .build();
    }

    /** A growable big-endian byte buffer. Not thread-safe. */
    static final class Out {
        byte[] buf;
        int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        void writeByte(int v) {
            ensure(1);
            buf[size++] = (byte) v;
        }

        void writeInt(int v) {
            ensure(4);
            putInt(size, v);
            size += 4;
        }

        void putInt(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void write(byte[] b, int from, int length) {
            ensure(length);
            System.arraycopy(b, from, buf, size, length);
            size += length;
        }

        void writeUuid(UUID id) {
            writeLong(id.getMostSignificantBits());
            writeLong(id.getLeastSignificantBits());
        }

        void writeNullableUuid(UUID id) {
            if (id == null) {
                writeByte(0);
            } else {
                writeByte(1);
                writeUuid(id);
            }
        }

        void writeUuids(List<UUID> ids) {
            writeInt(ids.size());
            ids.forEach(this::writeUuid);
        }

        void writeInstant(Instant t) {
            if (t == null) {
                writeByte(0);
            } else {
                writeByte(1);
                writeLong(t.getEpochSecond());
                writeInt(t.getNano());
            }
        }

        /** Text exactly (Latin-1 bytes when every char fits, UTF-16 chars otherwise, so lone surrogates survive). */
        void writeString(String s) {
            if (s == null) {
                writeByte(NULL);
                return;
            }
            boolean latin1 = true;
            for (int i = 0; i < s.length() && latin1; i++) {
                latin1 = s.charAt(i) < 256;
            }
            if (latin1) {
                writeByte(LATIN1);
                writeInt(s.length());
                byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                write(b, 0, b.length);
            } else {
                writeByte(UTF16);
                writeInt(s.length());
                ensure(2 * s.length());
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    buf[size++] = (byte) (c >>> 8);
                    buf[size++] = (byte) c;
                }
            }
        }

        /** A metadata value: null, text, whole number, floating point, boolean, list or map (in its order). */
        void writeValue(Object v) {
            if (v == null || v instanceof String) {
                writeString((String) v);
            } else if (v instanceof Long l) {
                writeByte(LONG);
                writeLong(l);
            } else if (v instanceof Double d) {
                writeByte(DOUBLE);
                writeLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof Boolean b) {
                writeByte(b ? TRUE : FALSE);
            } else if (v instanceof List<?> l) {
                writeByte(LIST);
                writeInt(l.size());
                l.forEach(this::writeValue);
            } else if (v instanceof Map<?, ?> m) {
                writeByte(MAP);
                writeInt(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    writeString((String) e.getKey());
                    writeValue(e.getValue());
                }
            } else {
                throw new IllegalArgumentException("not a metadata value: " + v.getClass());
            }
        }
    }

    /** A big-endian reader over part of a byte array. Not thread-safe (one per use). */
    static final class In {
        private final byte[] b;
        private final int end;
        int pos;

        In(byte[] b, int end) {
            this.b = b;
            this.end = end;
        }

        In at(int position) {
            this.pos = position;
            return this;
        }

        private void need(int n) {
            if (n < 0 || pos + n > end) {
                throw new IllegalStateException("truncated");
            }
        }

        void skip(int n) {
            need(n);
            pos += n;
        }

        int readByte() {
            need(1);
            return b[pos++];
        }

        int intAt(int at) {
            return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
        }

        int readInt() {
            need(4);
            int v = intAt(pos);
            pos += 4;
            return v;
        }

        long readLong() {
            return (long) readInt() << 32 | (readInt() & 0xffffffffL);
        }

        UUID readUuid() {
            return new UUID(readLong(), readLong());
        }

        UUID readNullableUuid() {
            return readByte() == 0 ? null : readUuid();
        }

        List<UUID> readUuids() {
            int n = readInt();
            need(16 * n);
            List<UUID> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(readUuid());
            }
            return ids;
        }

        Instant readInstant() {
            return readByte() == 0 ? null : Instant.ofEpochSecond(readLong(), readInt());
        }

        String readString() {
            int tag = readByte();
            return tag == NULL ? null : readString(tag);
        }

        private String readString(int tag) {
            int n = readInt();
            if (tag == LATIN1) {
                need(n);
                String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
                pos += n;
                return s;
            }
            if (tag != UTF16) {
                throw new IllegalStateException("not a string tag " + tag);
            }
            need(2 * n);
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                c[i] = (char) ((b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff));
                pos += 2;
            }
            return new String(c);
        }

        Object readValue() {
            int tag = readByte();
            switch (tag) {
                case NULL:
                    return null;
                case LATIN1:
                case UTF16:
                    return readString(tag);
                case LONG:
                    return readLong();
                case DOUBLE:
                    return Double.longBitsToDouble(readLong());
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case LIST: {
                    int n = readInt();
                    need(n);
                    List<Object> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        l.add(readValue());
                    }
                    return l;
                }
                case MAP: {
                    int n = readInt();
                    need(n);
                    Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 4 / 3 + 1));
                    for (int i = 0; i < n; i++) {
                        m.put(readString(), readValue());
                    }
                    return m;
                }
                default:
                    throw new IllegalStateException("unknown value tag " + tag);
            }
        }
    }
}
