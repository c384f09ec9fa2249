package dev.workstate.storage.markdown.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.NonPrintableStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.api.ConstructNode;

/**
 * Writes and reads the YAML front matter of a store file: {@code ---}, a block mapping, {@code ---}, then a Markdown body
 * that is only a rendering (the front matter is the source of truth). Values are maps, lists, strings, booleans,
 * {@code Long}, {@code Double} and null; parsing keeps the line of every top-level key for error reports.
 *
 * <p>Thread-safe: settings are immutable and a new dumper/composer is made per call.
 */
public final class FrontMatter {
    static final String DELIMITER = "---";

    /** The YAML 1.2 core schema with one shared resolver: CoreSchema builds a new resolver on every call. */
    private static final class SharedCoreSchema implements Schema {
        private final CoreSchema core = new CoreSchema();
        private final ScalarResolver coreResolver = core.getScalarResolver();
        // Same answers as the core resolver, without running its regular expressions on text that cannot be a
        // null, boolean, number or environment reference (most keys, names and titles): a large part of load time.
        private final ScalarResolver resolver = (value, implicit) -> {
            if (!implicit) {
                return Tag.STR;
            }
            if (!value.isEmpty() && "-+.0123456789~nNtTfF$".indexOf(value.charAt(0)) < 0) {
                return Tag.STR;
            }
            if (!value.isEmpty()) {
                // exact answers for the commonest values (null fields, booleans, whole numbers, ids, times),
                // following the core resolver's per-first-character patterns
                char c = value.charAt(0);
                if (c == 'n') {
                    return value.equals("null") ? Tag.NULL : Tag.STR;
                }
                if (c == 't' || c == 'f' || c == 'T' || c == 'F') {
                    return BOOLEANS.contains(value) ? Tag.BOOL : Tag.STR;
                }
                if ("-+.0123456789".indexOf(c) >= 0) {
                    if (!couldBeNumber(value)) {
                        return Tag.STR;
                    }
                    if (isDecimal(value)) {
                        return Tag.INT;
                    }
                }
            }
            return coreResolver.resolve(value, implicit);
        };

        private static final java.util.Set<String> BOOLEANS = java.util.Set.of("true", "True", "TRUE", "false",
                "False", "FALSE");

        /** {@code [-+]?[0-9]+}: the core schema's first int pattern, tried before the float patterns. */
        private static boolean isDecimal(String value) {
            int i = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
            if (i == value.length()) {
                return false;
            }
            for (; i < value.length(); i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the core schema's int or float patterns could match: they use only digits, hex letters, {@code o},
         * {@code x}, the letters of {@code inf}/{@code nan}, dots, and signs at the start or after an exponent's
         * {@code e}. Ids, dates and versions fail this cheaply (a dash in the middle, a {@code T}, a {@code Q}).
         */
        private static boolean couldBeNumber(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == 'o'
                        || c == 'x' || c == 'i' || c == 'n' || c == 'I' || c == 'N') {
                    continue;
                }
                if ((c == '-' || c == '+') && (i == 0 || value.charAt(i - 1) == 'e' || value.charAt(i - 1) == 'E')) {
                    continue;
                }
                return false;
            }
            return true;
        }
        private final Map<Tag, ConstructNode> constructors = core.getSchemaTagConstructors();

        @Override
        public ScalarResolver getScalarResolver() {
            return resolver;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return constructors;
        }
    }

    private static final Schema SCHEMA = new SharedCoreSchema();

    private static final DumpSettings DUMP = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setDefaultScalarStyle(ScalarStyle.PLAIN)
            .setIndent(2)
            .setWidth(1_000_000)
            .setSplitLines(false)
            .setBestLineBreak("\n")
            .setUseUnicodeEncoding(true)
            .setNonPrintableStyle(NonPrintableStyle.ESCAPE)
            .setSchema(SCHEMA)
            .setDereferenceAliases(true)
            .build();

    /** SnakeYAML Engine's default read-buffer size, in characters. */
    private static final int DEFAULT_BUFFER = 1024;
    private static final LoadSettings LOAD = loadSettings(DEFAULT_BUFFER);

    private static LoadSettings loadSettings(int bufferSize) {
        return LoadSettings.builder()
                .setSchema(SCHEMA)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(0)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(64 * 1024 * 1024)
                .setBufferSize(bufferSize)
                .build();
    }

    /**
     * Settings whose read buffer holds all of {@code yaml}: SnakeYAML Engine 3.0.1 fails with an index error when a
     * buffer-sized chunk of its input ends on the high half of a surrogate pair (an emoji at character 1 024), so text
     * that would need more than one chunk is read in one.
     */
    private static LoadSettings loadSettingsFor(String yaml) {
        return yaml.length() < DEFAULT_BUFFER ? LOAD : loadSettings(yaml.length() + 1);
    }

    private FrontMatter() {
    }

    /**
     * Chooses each string's style so it reads back exactly: text with a carriage return, a Unicode line separator or a
     * non-printable character is double-quoted with escapes (block scalars would normalise those line breaks); other
     * multi-line text is a literal block; the emitter falls back to quoting whenever a style cannot hold the text.
     */
    private static final class Representer extends StandardRepresenter {
        Representer() {
            super(DUMP);
            representers.put(String.class, data -> {
                String s = (String) data;
                ScalarStyle style = ScalarStyle.PLAIN;
                if (needsEscapes(s)) {
                    style = ScalarStyle.DOUBLE_QUOTED;
                } else if (s.indexOf('\n') >= 0) {
                    style = ScalarStyle.LITERAL;
                }
                return representScalar(Tag.STR, s, style);
            });
        }

        private static boolean needsEscapes(String s) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                if (cp == '\n' || cp == '\t') {
                    continue;
                }
                if (cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF
                        || !(cp >= 0x20 && cp <= 0x7E || cp >= 0xA0 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                        || cp >= 0x10000 && cp <= 0x10FFFF)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The whole file: front matter of {@code fields} (in their order) followed by {@code body}. */
    public static String render(Map<String, Object> fields, String body) {
        String yaml = new Dump(DUMP, new Representer()).dumpToString(fields);
        for (String line : yaml.split("\n", -1)) {
            // The front matter ends at the first "---" line; the emitter indents every continuation line, so this
            // never happens, but a future library change must not be able to corrupt files silently.
            if (line.equals(DELIMITER) || line.equals("...")) {
                throw new IllegalStateException("front matter would contain a document marker");
            }
        }
        return DELIMITER + "\n" + yaml + DELIMITER + "\n" + body;
    }

    /** A parsed front matter: values by key and the 1-based line of each key. */
    public record Parsed(String path, Map<String, Object> values, Map<String, Integer> lines, int endLine) {
        public boolean has(String key) {
            return values.containsKey(key);
        }

        public int line(String key) {
            return lines.getOrDefault(key, 1);
        }
    }

    public static Parsed parse(String path, String text) throws InvalidFileException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String normalised = text.replace("\r\n", "\n");
        if (!normalised.startsWith(DELIMITER + "\n")) {
            throw new InvalidFileException(path, 1, "file must start with a '---' front matter line");
        }
        int start = DELIMITER.length() + 1;
        int end = -1;
        int lineNo = 2;
        int pos = start;
        while (pos <= normalised.length()) {
            int nl = normalised.indexOf('\n', pos);
            int lineEnd = nl < 0 ? normalised.length() : nl;
            if (lineEnd - pos == DELIMITER.length() && normalised.startsWith(DELIMITER, pos)) {
                end = pos;
                break;
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            lineNo++;
        }
        if (end < 0) {
            throw new InvalidFileException(path, 1, "front matter is not closed by a '---' line");
        }
        String yaml = normalised.substring(start, end);
        FrontMatterReader.Result fast = FrontMatterReader.read(path, yaml);
        if (fast != null) {
            return new Parsed(path, fast.values(), fast.lines(), lineNo);
        }
        return parseYaml(path, yaml, lineNo);
    }

    /** Parses the YAML of a front matter with SnakeYAML: any YAML, and the error messages with their lines. */
    static Parsed parseYaml(String path, String yaml, int lineNo) throws InvalidFileException {
        Optional<Node> root;
        try {
            root = new Compose(loadSettingsFor(yaml)).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            // an unclosed quote or bracket is only noticed at the end of the text: point at where it was opened
            boolean atEnd = e.getProblem() != null && e.getProblem().contains("end of stream");
            var mark = atEnd ? e.getContextMark().or(e::getProblemMark) : e.getProblemMark().or(e::getContextMark);
            int line = mark.map(m -> m.getLine() + 2).orElse(1);
            String context = e.getContext() == null ? "" : " (" + firstLine(e.getContext()) + ")";
            throw new InvalidFileException(path, line, "invalid YAML: " + firstLine(e.getProblem()) + context);
        } catch (YamlEngineException e) {
            throw new InvalidFileException(path, 1, "invalid YAML: " + firstLine(e.getMessage()));
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode map)) {
            throw new InvalidFileException(path, 2, "front matter must be a mapping of field names to values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            int line = lineOf(k);
            if (!(k instanceof ScalarNode ks)) {
                throw new InvalidFileException(path, line, "field names must be plain text");
            }
            values.put(ks.getValue(), convert(path, t.getValueNode()));
            lines.put(ks.getValue(), line);
        }
        return new Parsed(path, values, lines, lineNo);
    }

    private static int lineOf(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 2).orElse(1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The tag SnakeYAML resolves a plain (unquoted) scalar to. */
    static Tag resolve(String plain) {
        return SCHEMA.getScalarResolver().resolve(plain, true);
    }

    /** The value of a scalar with its resolved tag: text, null, boolean, {@code Long} or {@code Double}. */
    static Object scalar(String path, int line, Tag tag, String v) throws InvalidFileException {
        if (tag.equals(Tag.STR)) {
            return v;
        }
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return v.equalsIgnoreCase("true");
        }
        if (tag.equals(Tag.INT)) {
            return parseInt(path, line, v);
        }
        if (tag.equals(Tag.FLOAT)) {
            return parseFloat(path, line, v);
        }
        throw new InvalidFileException(path, line, "unsupported YAML tag " + tag);
    }

    private static Object convert(String path, Node node) throws InvalidFileException {
        if (node instanceof ScalarNode s) {
            return scalar(path, lineOf(node), s.getTag(), s.getValue());
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>(seq.getValue().size());
            for (Node n : seq.getValue()) {
                out.add(convert(path, n));
            }
            return out;
        }
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode ks)) {
                    throw new InvalidFileException(path, lineOf(t.getKeyNode()), "keys must be plain text");
                }
                out.put(ks.getValue(), convert(path, t.getValueNode()));
            }
            return out;
        }
        throw new InvalidFileException(path, lineOf(node), "unsupported YAML node");
    }

    private static Object parseInt(String path, int line, String v) throws InvalidFileException {
        String s = v.replace("_", "");
        int sign = 1;
        if (s.startsWith("-")) {
            sign = -1;
            s = s.substring(1);
        } else if (s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = 10;
        if (s.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (s.startsWith("0o")) {
            radix = 8;
            s = s.substring(2);
        }
        try {
            BigInteger b = new BigInteger(s, radix);
            if (sign < 0) {
                b = b.negate();
            }
            if (b.bitLength() >= 64) {
                return b.doubleValue();
            }
            return b.longValue();
        } catch (NumberFormatException e) {
            throw new InvalidFileException(path, line, "not a number: " + v);
        }
    }

    private static Object parseFloat(String path, int line, String v) throws InvalidFileException {
        String s = v.toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case ".nan":
                return Double.NaN;
            case ".inf":
            case "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new InvalidFileException(path, line, "not a number: " + v);
                }
        }
    }
}
