package dev.workstate.storage.markdown.internal;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

/**
 * A fast reader for audit lines in exactly the form the shared JSON mapper writes them: one compact object with the
 * eight fields of {@link AuditEvent} in their order, each a JSON string or {@code null}. Loading 13 000 events through
 * Jackson's data binding is the largest single cost of opening a store after the record files.
 *
 * <p>It never rejects a line: anything else (whitespace, other or repeated fields, other escapes, a value Jackson
 * might read differently) returns {@code null}, and the caller reads the line with Jackson, which then accepts it or
 * reports it invalid. A test compares both readers on written and randomly edited lines.
 *
 * <p>Stateless; thread-safe.
 */
final class AuditLineReader {
    private static final String[] FIELDS = {"id", "entity_type", "entity_id", "operation", "actor", "at", "before",
        "after"};

    private final String line;
    private int pos;

    private AuditLineReader(String line) {
        this.line = line;
    }

    /** The event on {@code line}, or {@code null} when the line is not in the plain written form. */
    static AuditEvent read(String line) {
        try {
            return new AuditLineReader(line).event();
        } catch (IllegalArgumentException | DateTimeException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private AuditEvent event() {
        if (!line.startsWith("{")) {
            return null;
        }
        pos = 1;
        String[] values = new String[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            if (i > 0 && !take(',')) {
                return null;
            }
            String name = FIELDS[i];
            if (!take('"') || !line.startsWith(name, pos)) {
                return null;
            }
            pos += name.length();
            if (!take('"') || !take(':')) {
                return null;
            }
            if (line.startsWith("null", pos)) {
                pos += 4;
                values[i] = null;
            } else if (take('"')) {
                values[i] = string();
                if (values[i] == null) {
                    return null;
                }
            } else {
                return null;
            }
        }
        if (!take('}') || pos != line.length()) {
            return null;
        }
        String id = values[0];
        String type = values[1];
        if (id == null || !canonicalUuid(id) || type == null) {
            return null;
        }
        EntityType entityType = EntityType.parse(type).orElse(null);
        if (entityType == null) {
            return null;
        }
        Instant at = values[5] == null ? null : Instant.parse(values[5]);
        return new AuditEvent(UUID.fromString(id), entityType, values[2], values[3], values[4], at, values[6],
                values[7]);
    }

    private boolean take(char c) {
        if (pos < line.length() && line.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** The rest of a string whose opening quote was taken; null for anything but the standard JSON escapes. */
    private String string() {
        int start = pos;
        // most values have no escapes at all: one substring
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (c == '"') {
                return line.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                return null;
            }
            pos++;
        }
        StringBuilder b = new StringBuilder(line.length() - start);
        b.append(line, start, pos);
        while (pos < line.length()) {
            // copy the run up to the next quote or escape in one go (running off the end throws: not our form)
            int run = pos;
            char c = line.charAt(pos);
            while (c != '"' && c != '\\' && c >= 0x20) {
                c = line.charAt(++pos);
            }
            b.append(line, run, pos);
            pos++;
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                return null;
            }
            char e = line.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = hex(line.charAt(pos++));
                        if (d < 0) {
                            return null;
                        }
                        v = v * 16 + d;
                    }
                    b.append((char) v);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F'
                ? c - 'A' + 10 : -1;
    }

    /** 8-4-4-4-12 hex digits: the only form both this reader and Jackson read the same way. */
    private static boolean canonicalUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (hex(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
