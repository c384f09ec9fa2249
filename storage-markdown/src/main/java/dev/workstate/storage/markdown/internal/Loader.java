package dev.workstate.storage.markdown.internal;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.OutboxEntry;
import dev.workstate.port.SyncConflict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a store directory into a {@link State} (files are parsed in parallel; the audit log separately, when first
 * needed), and applies single file changes from the journal to a state. A file that cannot be read is logged with its
 * path and line, recorded in {@link State#invalid}, and skipped; everything else still loads.
 *
 * <p>Stateless; thread-safe.
 */
final class Loader {
    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

    private Loader() {
    }

    /** One file's outcome; for cacheable records also where the next parse cache gets it from (slot or text). */
    private record Parsed(String rel, Object record, InvalidFileException error, ParseCache.Slot slot, byte[] text) {
        Parsed(String rel, Object record, InvalidFileException error) {
            this(rel, record, error, null, null);
        }
    }

    /** Audit lines of one segment read in parallel: events or errors in line order, and the non-blank line count. */
    private record AuditChunk(String rel, int seg, List<Object> parsed, int lines, boolean torn) {
    }

    /** A part of an audit segment ({@code text} from {@code from} to {@code to}) whose first line is {@code line}. */
    private record AuditSlice(String rel, int seg, String text, int from, int to, int line) {
    }

    /** Roughly how much audit text one parallel task parses: big enough to amortise the task, small to balance. */
    private static final int AUDIT_SLICE_CHARS = 512 * 1024;

    /**
     * Reads every record file of {@code dir} (not the audit log: see {@link #loadAudit}), parsing them in parallel.
     */
    static State load(Path dir) throws IOException {
        return load(dir, null, null);
    }

    /**
     * Like {@link #load(Path)}; stale temporary files ({@code .<name>.tmp}) met in the record directories are added to
     * {@code temps} (when not null) for the caller to remove, which saves a second listing of each directory. With a
     * {@code cacheSource}, record files whose exact bytes the cache holds are taken from it instead of being parsed,
     * and {@link State#cacheUpdate} is set when the cache should be rewritten.
     */
    static State load(Path dir, List<Path> temps, Supplier<ParseCache> cacheSource) throws IOException {
        State s = new State();
        List<String> files = new ArrayList<>();
        for (String d : RECORD_DIRS) {
            list(dir, d, files, temps);
        }
        files.add(Layout.CONFIGURATION);
        ParseCache cache = cacheSource == null ? null : cacheSource.get();
        // the type check (one lstat per file) runs in the parallel part too: system calls are dear on a VM
        List<Parsed> parsed = files.parallelStream().map(rel -> parse(dir, rel, cache)).toList();
        ParseCache.Next next = cache == null ? null : cache.next();
        for (Parsed p : parsed) {
            if (p == null) {
                continue;
            }
            if (next != null && p.error() == null) {
                if (p.slot() != null) {
                    next.keep(p.rel(), p.slot());
                } else if (p.text() != null) {
                    next.add(p.rel(), p.record(), p.text());
                }
            }
            if (p.error() != null) {
                s.invalid.put(p.rel(), p.error());
                LOG.warn("markdown store: skipping invalid file {}", p.error().getMessage());
            } else {
                put(s, p.rel(), p.record());
            }
        }
        if (next != null && next.changed()) {
            s.cacheUpdate = next;
        }
        return s;
    }

    /**
     * Reads the audit log segments of {@code dir} into {@code s} (events, ids, segment line count, invalid lines). The
     * caller holds the directory lock and has caught up with the journal, so the files match the state's records.
     */
    static void loadAudit(Path dir, State s) throws IOException {
        List<String> segments = new ArrayList<>();
        list(dir, Layout.AUDIT, segments);
        segments.removeIf(rel -> !rel.endsWith(".jsonl"));
        segments.sort(null);
        List<AuditSlice> slices = new ArrayList<>();
        for (String rel : segments) {
            slice(rel, segmentNumber(rel), Files.readString(dir.resolve(rel), StandardCharsets.UTF_8), slices);
        }
        List<AuditChunk> chunks = slices.parallelStream().map(Loader::parseAudit).toList();
        s.auditLoaded = true;
        for (AuditChunk c : chunks) {
            applyAudit(s, c);
        }
    }

    /** Cuts a segment's text at line ends into slices of about {@link #AUDIT_SLICE_CHARS}. */
    private static void slice(String rel, int seg, String text, List<AuditSlice> out) {
        if (text.isEmpty()) {
            out.add(new AuditSlice(rel, seg, text, 0, 0, 1)); // still the current segment, if it is the last
            return;
        }
        int from = 0;
        int line = 1;
        while (from < text.length()) {
            int to = text.indexOf('\n', Math.min(text.length() - 1, from + AUDIT_SLICE_CHARS));
            to = to < 0 ? text.length() : to + 1;
            out.add(new AuditSlice(rel, seg, text, from, to, line));
            for (int i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
                line++;
            }
            from = to;
        }
    }

    /** The directories holding one file per record, read at open (the audit log is read on first use). */
    static final String[] RECORD_DIRS = {Layout.WORK_ITEMS, Layout.VENDORS, Layout.DEPLOYMENTS, Layout.ENHANCEMENTS,
        Layout.DEPENDENCIES, Layout.OUTBOX, Layout.CONFLICTS};

    /** Adds the names in {@code sub} that do not start with a dot (not checked for being regular files). */
    private static void list(Path dir, String sub, List<String> out, List<Path> temps) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve(sub))) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    if (temps != null && name.endsWith(FileOps.TEMP_SUFFIX)) {
                        temps.add(p);
                    }
                    continue;
                }
                out.add(sub + "/" + name);
            }
        } catch (NoSuchFileException ignored) {
            // not created yet
        }
    }

    private static void list(Path dir, String sub, List<String> out) throws IOException {
        list(dir, sub, out, null);
        out.removeIf(rel -> !Files.isRegularFile(dir.resolve(rel), LinkOption.NOFOLLOW_LINKS));
    }

    /** Reads and parses one file; null when it is not a regular file (a link, a directory) or is gone. */
    private static Parsed parse(Path dir, String rel, ParseCache cache) {
        Path file = dir.resolve(rel);
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                return null;
            }
        } catch (IOException e) {
            return null; // removed since it was listed (or unreadable metadata: as before, not a regular file)
        }
        try {
            if (cache != null && ParseCache.cacheable(rel)) {
                FileOps.Bytes bytes = FileOps.readBytes(file);
                ParseCache.Hit hit = cache.lookup(rel, bytes.array(), bytes.length());
                if (hit != null) {
                    return new Parsed(rel, hit.record(), null, hit.slot(), null);
                }
                byte[] own = bytes.copy();
                return new Parsed(rel, parse(rel, FileOps.decode(own, own.length)), null, null, own);
            }
            String text = FileOps.readUtf8(file);
            return new Parsed(rel, parse(rel, text), null);
        } catch (InvalidFileException e) {
            return new Parsed(rel, null, e);
        } catch (IOException | RuntimeException e) {
            return new Parsed(rel, null, new InvalidFileException(rel, 0, "cannot be read: " + e));
        }
    }

    /** Parses the content of the file at {@code rel} into its record. */
    static Object parse(String rel, String text) throws InvalidFileException {
        String dirName = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : "";
        String name = rel.substring(rel.indexOf('/') + 1);
        switch (dirName) {
            case Layout.WORK_ITEMS: {
                UUID id = requireId(rel, name, ".md");
                WorkItem w = RecordCodec.parseWorkItem(rel, text);
                checkId(rel, id, w.id());
                return w;
            }
            case Layout.VENDORS: {
                UUID id = requireId(rel, name, ".md");
                Vendor v = RecordCodec.parseVendor(rel, text);
                checkId(rel, id, v.id());
                return v;
            }
            case Layout.DEPLOYMENTS: {
                UUID id = requireId(rel, name, ".md");
                Deployment d = RecordCodec.parseDeployment(rel, text);
                checkId(rel, id, d.id());
                return d;
            }
            case Layout.ENHANCEMENTS: {
                UUID id = requireId(rel, name, ".md");
                Enhancement e = RecordCodec.parseEnhancement(rel, text);
                checkId(rel, id, e.id());
                return e;
            }
            case Layout.DEPENDENCIES: {
                DepKey k = Layout.dependencyKey(name);
                if (k == null) {
                    throw new InvalidFileException(rel, 0, "file name must be <source>--<type>--<target>.md");
                }
                Dependency d = RecordCodec.parseDependency(rel, text);
                if (!DepKey.of(d).equals(k)) {
                    throw new InvalidFileException(rel, 2, "source, type and target do not match the file name");
                }
                return d;
            }
            case Layout.OUTBOX:
                try {
                    return JsonCodec.parseOutbox(text);
                } catch (RuntimeException e) {
                    throw new InvalidFileException(rel, 0, "invalid outbox entry: " + e.getMessage());
                }
            case Layout.CONFLICTS:
                try {
                    return JsonCodec.parseConflict(text);
                } catch (RuntimeException e) {
                    throw new InvalidFileException(rel, 0, "invalid conflict: " + e.getMessage());
                }
            case "":
                if (rel.equals(Layout.CONFIGURATION)) {
                    return RecordCodec.parseConfiguration(rel, text);
                }
                throw new InvalidFileException(rel, 0, "unknown file");
            default:
                throw new InvalidFileException(rel, 0, "unknown file");
        }
    }

    private static UUID requireId(String rel, String name, String ext) throws InvalidFileException {
        UUID id = Layout.idOf(name, ext);
        if (id == null) {
            throw new InvalidFileException(rel, 0, "file name must be <uuid>" + ext);
        }
        return id;
    }

    private static void checkId(String rel, UUID fromName, UUID fromContent) throws InvalidFileException {
        if (!fromName.equals(fromContent)) {
            throw new InvalidFileException(rel, 2, "field 'id' does not match the file name");
        }
    }

    static void put(State s, String rel, Object record) {
        s.invalid.remove(rel);
        if (record instanceof WorkItem w) {
            s.putItem(w);
        } else if (record instanceof Vendor v) {
            s.putVendor(v);
        } else if (record instanceof Deployment d) {
            s.deployments.put(d.id(), d);
        } else if (record instanceof Enhancement e) {
            s.enhancements.put(e.id(), e);
        } else if (record instanceof Dependency d) {
            s.putDep(d);
        } else if (record instanceof OutboxEntry o) {
            s.putOutbox(o);
        } else if (record instanceof SyncConflict c) {
            s.conflicts.put(c.id(), c);
        } else if (record instanceof dev.workstate.model.ProjectConfiguration c) {
            s.configuration = c;
        }
    }

    static void delete(State s, String rel) {
        s.invalid.remove(rel);
        String dirName = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : "";
        String name = rel.substring(rel.indexOf('/') + 1);
        switch (dirName) {
            case Layout.WORK_ITEMS -> {
                UUID id = Layout.idOf(name, ".md");
                if (id != null) {
                    s.removeItem(id);
                }
            }
            case Layout.VENDORS -> {
                UUID id = Layout.idOf(name, ".md");
                if (id != null) {
                    s.removeVendor(id);
                }
            }
            case Layout.DEPLOYMENTS -> {
                UUID id = Layout.idOf(name, ".md");
                if (id != null) {
                    s.deployments.remove(id);
                }
            }
            case Layout.ENHANCEMENTS -> {
                UUID id = Layout.idOf(name, ".md");
                if (id != null) {
                    s.enhancements.remove(id);
                }
            }
            case Layout.DEPENDENCIES -> {
                DepKey k = Layout.dependencyKey(name);
                if (k != null) {
                    s.removeDep(k);
                }
            }
            case Layout.OUTBOX -> {
                if (name.endsWith(".json")) {
                    try {
                        s.outbox.remove(Long.parseLong(name.substring(0, name.length() - 5)));
                    } catch (NumberFormatException ignored) {
                        // not an outbox entry
                    }
                }
            }
            case Layout.CONFLICTS -> {
                UUID id = Layout.idOf(name, ".json");
                if (id != null) {
                    s.conflicts.remove(id);
                }
            }
            default -> {
                // configuration is never deleted
            }
        }
    }

    /** Applies one journal operation (already written by some process) to memory. */
    static void applyOp(State s, Journal.Op op) {
        switch (op.kind()) {
            case "put" -> {
                try {
                    put(s, op.path(), parse(op.path(), op.data()));
                } catch (InvalidFileException e) {
                    s.invalid.put(op.path(), e);
                }
            }
            case "delete" -> delete(s, op.path());
            case "append" -> {
                // not loaded yet: the segment files hold these lines by the time the log is read
                if (s.auditLoaded) {
                    appendAudit(s, op.path(), segmentNumber(op.path()), op.data());
                }
            }
            default -> LOG.warn("markdown store: unknown journal operation {}", op.kind());
        }
    }

    private static int segmentNumber(String rel) {
        String name = rel.substring(rel.indexOf('/') + 1);
        try {
            return Integer.parseInt(name.substring(0, name.indexOf('.')));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private static void appendAudit(State s, String rel, int seg, String text) {
        applyAudit(s, parseAudit(new AuditSlice(rel, seg, text, 0, text.length(), 1)));
    }

    /** Parses the lines of a slice (no state touched, so slices parse in parallel). */
    private static AuditChunk parseAudit(AuditSlice slice) {
        String text = slice.text();
        List<Object> out = new ArrayList<>();
        int lines = 0;
        int lineNo = slice.line() - 1;
        int pos = slice.from();
        boolean torn = false;
        while (pos < slice.to()) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0 || nl >= slice.to()) {
                // a torn last line: only a crash without its journal entry could leave one; ignore it
                torn = true;
                break;
            }
            String line = text.substring(pos, nl);
            pos = nl + 1;
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            lines++;
            try {
                out.add(JsonCodec.parseAudit(line));
            } catch (RuntimeException e) {
                out.add(lineNo);
            }
        }
        return new AuditChunk(slice.rel(), slice.seg(), out, lines, torn);
    }

    /** Adds parsed audit lines to the state in order: events not seen yet, and invalid lines (by line number). */
    private static void applyAudit(State s, AuditChunk c) {
        for (Object o : c.parsed()) {
            if (o instanceof AuditEvent e) {
                if (!s.auditIds.contains(e.id())) {
                    s.addAudit(e);
                }
            } else {
                int lineNo = (Integer) o;
                s.invalid.put(c.rel() + ":" + lineNo, new InvalidFileException(c.rel(), lineNo,
                        "invalid audit event"));
                LOG.warn("markdown store: skipping invalid audit event {}:{}", c.rel(), lineNo);
            }
        }
        if (c.torn()) {
            LOG.warn("markdown store: ignoring an incomplete last line in {}", c.rel());
        }
        int seg = c.seg();
        if (seg > s.auditSegment) {
            s.auditSegment = seg;
            s.auditSegmentLines = c.lines();
        } else if (seg == s.auditSegment) {
            s.auditSegmentLines += c.lines();
        }
    }
}
