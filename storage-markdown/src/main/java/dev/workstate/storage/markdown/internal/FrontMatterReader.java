package dev.workstate.storage.markdown.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast reader for the plain subset of YAML that {@link FrontMatter#render} writes: block mappings with simple keys,
 * block sequences of scalars, plain and single-quoted one-line scalars, literal block scalars, {@code {}} and
 * {@code []}. It gives exactly what SnakeYAML's composer gives for that subset (a property test compares the two) at a
 * fraction of the cost, which matters when a store of 12 000 files opens.
 *
 * <p>It never decides that a text is invalid: whenever it meets anything outside the subset (comments, blank lines,
 * double quotes, flow collections, anchors, tags, multi-line plain scalars, unusual indentation, duplicate keys, a
 * value that does not convert), {@link #read} returns {@code null} and the caller parses the text with SnakeYAML, which
 * then accepts it or reports the error with its line. Hand-edited files therefore behave as before.
 *
 * <p>Stateless; thread-safe (each call uses its own cursor).
 */
final class FrontMatterReader {
    /** Marks "outside the subset": unwinds to {@link #read}, which returns null. Cheap: no stack trace. */
    private static final class Unsupported extends RuntimeException {
        private static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    /** The values and the 1-based file line of each top-level key (the YAML starts on line 2 of the file). */
    record Result(Map<String, Object> values, Map<String, Integer> lines) {
    }

    /** Longer keys are left to SnakeYAML, which limits simple keys to 1 024 characters. */
    private static final int MAX_KEY = 200;

    private final String path;
    private final String[] lines;
    private int next;
    /** Where the last quoted scalar or key scanned ended (the index after its closing quote, or the key's colon). */
    private int scanEnd;

    private FrontMatterReader(String path, String[] lines) {
        this.path = path;
        this.lines = lines;
    }

    /**
     * Reads {@code yaml} (the text between the two {@code ---} lines, each line ending in a line feed), or returns
     * {@code null} when it uses anything outside the subset this reader knows.
     */
    static Result read(String path, String yaml) {
        if (yaml.isEmpty() || yaml.charAt(yaml.length() - 1) != '\n' || !printable(yaml)) {
            return null;
        }
        String[] lines = yaml.substring(0, yaml.length() - 1).split("\n", -1);
        for (String line : lines) {
            if (documentMarker(line)) {
                return null; // YAML ends the document there, wherever it stands: SnakeYAML says how
            }
        }
        FrontMatterReader r = new FrontMatterReader(path, lines);
        try {
            Map<String, Integer> keyLines = new HashMap<>(32);
            Map<String, Object> values = r.mapping(0, keyLines);
            if (r.next != lines.length) {
                return null;
            }
            return new Result(values, keyLines);
        } catch (Unsupported e) {
            return null;
        }
    }

    /**
     * Whether every character is one SnakeYAML reads as ordinary text: printable, and no line break other than the
     * line feed (carriage returns, NEL and Unicode separators would change where lines end) and no byte order mark.
     */
    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7E || c == '\n' || c == '\t') {
                continue;
            }
            if (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029 || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return false;
        }
        return true;
    }

    /**
     * Whether {@code line} is a YAML document marker ({@code ---} or {@code ...} at column 0, alone or followed by a
     * blank): it ends the document even inside a block scalar, so no front matter this reader accepts contains one.
     */
    private static boolean documentMarker(String line) {
        return (line.startsWith("---") || line.startsWith("..."))
                && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '\t');
    }

    private static Unsupported unsupported() {
        return Unsupported.INSTANCE;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** A block mapping whose keys sit at column {@code indent}; {@code keyLines} (top level only) gets their lines. */
    private Map<String, Object> mapping(int indent, Map<String, Integer> keyLines) {
        // a record has up to 21 fields: size the top level once instead of growing it twice
        Map<String, Object> out = new LinkedHashMap<>(keyLines != null ? 32 : 16);
        while (next < lines.length) {
            String line = lines[next];
            int ind = indentOf(line);
            if (ind == line.length() || line.charAt(ind) == '#' || line.charAt(ind) == '\t') {
                throw unsupported(); // blank line, comment or tab indentation
            }
            if (ind < indent) {
                break;
            }
            if (ind > indent) {
                throw unsupported();
            }
            String key = key(line, ind);
            int k = scanEnd;
            if (out.containsKey(key)) {
                throw unsupported(); // leave duplicate keys to SnakeYAML
            }
            int lineNo = next + 2;
            next++;
            Object value;
            if (k + 1 == line.length()) {
                value = nested(indent);
            } else if (line.charAt(k + 1) == ' ' && k + 2 < line.length() && line.charAt(k + 2) != ' ') {
                value = inline(line.substring(k + 2), indent);
            } else {
                throw unsupported();
            }
            out.put(key, value);
            if (keyLines != null) {
                keyLines.put(key, lineNo);
            }
        }
        if (out.isEmpty()) {
            throw unsupported();
        }
        return out;
    }

    /**
     * The key that starts at {@code from} of {@code line} (plain, or single- or double-quoted on one line); leaves
     * {@link #scanEnd} at its colon.
     */
    private String key(String line, int from) {
        String key;
        int colon;
        char c = line.charAt(from);
        if (c == '\'' || c == '"') {
            key = c == '\'' ? singleQuoted(line, from) : doubleQuoted(line, from);
            colon = scanEnd;
        } else {
            colon = from;
            while (colon < line.length()
                    && !(line.charAt(colon) == ':' && (colon + 1 == line.length() || line.charAt(colon + 1) == ' '))) {
                colon++;
            }
            key = line.substring(from, colon);
            if (key.isEmpty() || !plainText(key)) {
                throw unsupported();
            }
        }
        if (colon >= line.length() || line.charAt(colon) != ':' || colon - from > MAX_KEY) {
            throw unsupported();
        }
        scanEnd = colon;
        return key;
    }

    /** The value of {@code key:} with nothing after the colon: a nested mapping or a sequence on the next lines. */
    private Object nested(int indent) {
        if (next >= lines.length) {
            throw unsupported();
        }
        String line = lines[next];
        int ind = indentOf(line);
        boolean item = line.startsWith("- ", ind) || line.length() == ind + 1 && line.charAt(ind) == '-';
        if (item && ind >= indent) {
            return sequence(ind, indent);
        }
        if (ind > indent) {
            return mapping(ind, null);
        }
        throw unsupported(); // an empty value (null) is never written that way
    }

    /** A block sequence of scalars with its dashes at column {@code indent}. */
    private List<Object> sequence(int indent, int parentIndent) {
        List<Object> out = new ArrayList<>();
        while (next < lines.length) {
            String line = lines[next];
            int ind = indentOf(line);
            if (ind < indent || ind == line.length()) {
                break;
            }
            boolean item = line.startsWith("- ", ind);
            if (ind == indent && !item && indent == parentIndent) {
                break; // the next key of the mapping that holds this indentless sequence
            }
            if (ind > indent || !item || ind + 2 == line.length() || line.charAt(ind + 2) == ' ') {
                throw unsupported();
            }
            next++;
            String text = line.substring(ind + 2);
            char c = text.charAt(0);
            if (c == '-' && (text.length() == 1 || text.charAt(1) == ' ')) {
                throw unsupported(); // a nested sequence
            }
            // the item's block scalar is indented relative to its dash, like a mapping value to its key
            out.add(inline(text, indent));
        }
        return out;
    }

    /** A scalar (or {@code {}} / {@code []}) that starts after {@code key: } on a line of a mapping at {@code indent}. */
    private Object inline(String text, int indent) {
        char c = text.charAt(0);
        switch (c) {
            case '\'':
            case '"':
                String v = c == '\'' ? singleQuoted(text, 0) : doubleQuoted(text, 0);
                if (scanEnd != text.length()) {
                    throw unsupported(); // something after the closing quote
                }
                return v;
            case '|':
                return literal(text, indent);
            case '{':
                if (text.equals("{}")) {
                    return new LinkedHashMap<String, Object>();
                }
                throw unsupported();
            case '[':
                if (text.equals("[]")) {
                    return new ArrayList<Object>();
                }
                throw unsupported();
            case '>': case '&': case '*': case '!': case '%': case '@': case '`': case '#': case ',':
            case ']': case '}':
                throw unsupported();
            case '-': case '?': case ':':
                if (text.length() == 1 || text.charAt(1) == ' ' || text.charAt(1) == '\t') {
                    throw unsupported();
                }
                break;
            default:
                break;
        }
        return plain(text);
    }

    private Object plain(String text) {
        if (!plainText(text)) {
            throw unsupported();
        }
        try {
            return FrontMatter.scalar(path, 1, FrontMatter.resolve(text), text);
        } catch (InvalidFileException e) {
            throw unsupported(); // SnakeYAML reports it, with the line
        }
    }

    /**
     * Whether {@code text} reads back as itself as a one-line plain scalar (or key): no indicator at its start, no
     * {@code ": "} or {@code " #"} inside, no colon, blank or tab at its end, no tab at all.
     */
    private static boolean plainText(String text) {
        char c = text.charAt(0);
        if ("'\"{}[]>|&*!%@`#,".indexOf(c) >= 0) {
            return false;
        }
        if ((c == '-' || c == '?' || c == ':') && (text.length() == 1 || text.charAt(1) == ' ')) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        return last != ' ' && last != ':' && !text.contains(": ") && !text.contains(" #") && text.indexOf('\t') < 0;
    }

    /** A single-quoted scalar starting at {@code from}, closed on the same line; sets {@link #scanEnd}. */
    private String singleQuoted(String text, int from) {
        StringBuilder b = new StringBuilder(text.length());
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    b.append('\'');
                    i += 2;
                    continue;
                }
                scanEnd = i + 1;
                return b.toString();
            }
            b.append(c);
            i++;
        }
        throw unsupported(); // continues on the next line
    }

    /** A double-quoted scalar starting at {@code from}, closed on the same line; sets {@link #scanEnd}. */
    private String doubleQuoted(String text, int from) {
        StringBuilder b = new StringBuilder(text.length());
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                scanEnd = i + 1;
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw unsupported(); // an escaped line break
            }
            char e = text.charAt(i + 1);
            i += 2;
            int digits = 0;
            switch (e) {
                case '0' -> b.append('\0');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'v' -> b.append('\u000b');
                case 'f' -> b.append('\f');
                case 'r' -> b.append('\r');
                case 'e' -> b.append('\u001b');
                case ' ', '"', '/', '\\' -> b.append(e);
                case 'N' -> b.append('\u0085');
                case '_' -> b.append('\u00a0');
                case 'x' -> digits = 2;
                case 'u' -> digits = 4;
                case 'U' -> digits = 8;
                default -> throw unsupported();
            }
            if (digits > 0) {
                if (i + digits > text.length()) {
                    throw unsupported();
                }
                int cp = 0;
                for (int k = i; k < i + digits; k++) {
                    char h = text.charAt(k);
                    int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                            : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                    if (d < 0) {
                        throw unsupported();
                    }
                    cp = cp * 16 + d;
                    if (cp > Character.MAX_CODE_POINT) {
                        throw unsupported();
                    }
                }
                b.appendCodePoint(cp);
                i += digits;
            }
        }
        throw unsupported(); // continues on the next line
    }

    /**
     * A literal block scalar ({@code |}, with optional chomping {@code -}/{@code +} and indentation indicator) for a key
     * of the mapping at {@code indent}: YAML's rules for its indentation, its empty lines and its final line breaks.
     */
    private String literal(String header, int indent) {
        int increment = 0;
        char chomp = ' ';
        for (int i = 1; i < header.length(); i++) {
            char c = header.charAt(i);
            if ((c == '-' || c == '+') && chomp == ' ') {
                chomp = c;
            } else if (c >= '1' && c <= '9' && increment == 0) {
                increment = c - '0';
            } else {
                throw unsupported();
            }
        }
        int contentIndent;
        if (increment > 0) {
            contentIndent = indent + increment;
        } else {
            // auto-detected from the first non-empty line; leading lines must be truly empty so no longer blank
            // line could change the detection
            int i = next;
            while (i < lines.length && lines[i].isEmpty()) {
                i++;
            }
            if (i == lines.length) {
                throw unsupported();
            }
            contentIndent = indentOf(lines[i]);
            if (contentIndent <= indent || contentIndent == lines[i].length()) {
                throw unsupported();
            }
        }
        StringBuilder b = new StringBuilder();
        int pendingBreaks = 0;
        boolean content = false;
        while (next < lines.length) {
            String line = lines[next];
            int ind = indentOf(line);
            String part;
            if (ind >= contentIndent) {
                part = line.substring(contentIndent);
            } else if (ind == line.length()) {
                part = "";
            } else {
                break;
            }
            next++;
            if (part.isEmpty()) {
                pendingBreaks++;
                continue;
            }
            if (content) {
                b.append('\n');
            }
            for (int k = 0; k < pendingBreaks; k++) {
                b.append('\n');
            }
            pendingBreaks = 0;
            b.append(part);
            content = true;
        }
        if (!content) {
            throw unsupported();
        }
        if (chomp == '+') {
            b.append('\n');
            for (int k = 0; k < pendingBreaks; k++) {
                b.append('\n');
            }
        } else if (chomp == ' ') {
            b.append('\n');
        }
        return b.toString();
    }
}
