package dev.workstate.internal.service;

import dev.workstate.error.Validator;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.Metadata;
import dev.workstate.model.TestResults;
import dev.workstate.model.VendorMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation rules of vendors (SPEC §1): the name, and the metadata merge — given keys (nested objects key by key) over
 * a base, then the whole result checked strictly (booleans must be JSON booleans, counts JSON integers, no coercion,
 * unknown keys rejected, {@code passing + skipped <= total}). Errors are recorded under {@code metadata.<path>}.
 *
 * <p>Names are ASCII letters, digits, space, {@code -} and {@code _}: uniqueness and lookup ignore case, and only ASCII
 * case folding is identical in every storage layer (SQLite's {@code lower()} folds ASCII only).
 *
 * <p>Stateless; thread-safe.
 */
public final class VendorRules {
    public static final int NAME_MAX = 100;
    public static final int EXTRACTOR_VERSION_MAX = 50;
    public static final List<String> KEYS =
            List.of("format_support", "test_results", "extractor_version", "manifest_compliant");
    public static final List<String> FORMATS = List.of("excel", "csv", "pdf", "ocr");
    public static final List<String> TEST_KEYS = List.of("passing", "total", "skipped");

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9 _-]+$");

    private VendorRules() {
    }

    /** Checks a vendor name for creation; returns it, or null after recording the error. */
    public static String name(Validator v, String field, String name) {
        if (name == null) {
            v.reject(field, "is required");
            return null;
        }
        if (name.isBlank()) {
            v.reject(field, "must not be blank");
            return null;
        }
        if (name.length() > NAME_MAX) {
            v.reject(field, "must be at most " + NAME_MAX + " characters (got " + name.length() + ")");
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            v.reject(field, "may contain only letters, digits, spaces, '-' and '_'");
            return null;
        }
        if (!name.equals(name.strip())) {
            v.reject(field, "must not start or end with a space");
            return null;
        }
        return name;
    }

    /** Checks a name given for a lookup: not blank, at most 100 characters. */
    public static String lookupName(Validator v, String field, String name) {
        if (name == null || name.isBlank()) {
            v.reject(field, "is required");
            return null;
        }
        if (name.length() > NAME_MAX) {
            v.reject(field, "must be at most " + NAME_MAX + " characters (got " + name.length() + ")");
            return null;
        }
        return name;
    }

    /**
     * Merges {@code given} (partial metadata, nested maps allowed; null or empty = nothing) over {@code base} and
     * validates the result.
     *
     * @return the merged metadata, or null when errors were recorded
     */
    public static VendorMetadata merge(Validator v, String field, VendorMetadata base, Map<String, ?> given) {
        Map<String, Boolean> formats = new LinkedHashMap<>();
        formats.put("excel", base.formatSupport().excel());
        formats.put("csv", base.formatSupport().csv());
        formats.put("pdf", base.formatSupport().pdf());
        formats.put("ocr", base.formatSupport().ocr());
        Map<String, Long> tests = new LinkedHashMap<>();
        tests.put("passing", base.testResults().passing());
        tests.put("total", base.testResults().total());
        tests.put("skipped", base.testResults().skipped());
        String extractorVersion = base.extractorVersion();
        boolean manifestCompliant = base.manifestCompliant();
        boolean ok = true;

        Map<String, Object> input = given == null ? Map.of() : Metadata.freeze(given);
        for (Map.Entry<String, Object> e : input.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            String path = field + "." + key;
            switch (key) {
                case "format_support" -> {
                    if (!(value instanceof Map<?, ?> m)) {
                        v.reject(path, "must be an object (got " + WorkItemMetadataValidator.jsonType(value) + ")");
                        ok = false;
                        break;
                    }
                    for (Map.Entry<?, ?> f : m.entrySet()) {
                        String fk = String.valueOf(f.getKey());
                        if (!FORMATS.contains(fk)) {
                            v.reject(path + "." + fk, "is not a known format (allowed: " + String.join(", ", FORMATS)
                                    + ")");
                            ok = false;
                        } else if (!(f.getValue() instanceof Boolean b)) {
                            v.reject(path + "." + fk, "must be true or false (got "
                                    + WorkItemMetadataValidator.jsonType(f.getValue()) + ")");
                            ok = false;
                        } else {
                            formats.put(fk, b);
                        }
                    }
                }
                case "test_results" -> {
                    if (!(value instanceof Map<?, ?> m)) {
                        v.reject(path, "must be an object (got " + WorkItemMetadataValidator.jsonType(value) + ")");
                        ok = false;
                        break;
                    }
                    for (Map.Entry<?, ?> t : m.entrySet()) {
                        String tk = String.valueOf(t.getKey());
                        if (!TEST_KEYS.contains(tk)) {
                            v.reject(path + "." + tk, "is not a known count (allowed: " + String.join(", ", TEST_KEYS)
                                    + ")");
                            ok = false;
                        } else if (!(t.getValue() instanceof Long n)) {
                            v.reject(path + "." + tk, "must be an integer (got "
                                    + WorkItemMetadataValidator.jsonType(t.getValue()) + ")");
                            ok = false;
                        } else if (n < 0) {
                            v.reject(path + "." + tk, "must be at least 0 (got " + n + ")");
                            ok = false;
                        } else {
                            tests.put(tk, n);
                        }
                    }
                }
                case "extractor_version" -> {
                    if (!(value instanceof String s)) {
                        v.reject(path, "must be a string (got " + WorkItemMetadataValidator.jsonType(value) + ")");
                        ok = false;
                    } else if (s.isBlank()) {
                        v.reject(path, "must not be blank");
                        ok = false;
                    } else if (s.length() > EXTRACTOR_VERSION_MAX) {
                        v.reject(path, "must be at most " + EXTRACTOR_VERSION_MAX + " characters (got " + s.length()
                                + ")");
                        ok = false;
                    } else {
                        extractorVersion = s;
                    }
                }
                case "manifest_compliant" -> {
                    if (!(value instanceof Boolean b)) {
                        v.reject(path, "must be true or false (got " + WorkItemMetadataValidator.jsonType(value) + ")");
                        ok = false;
                    } else {
                        manifestCompliant = b;
                    }
                }
                default -> {
                    v.reject(path, "is not a known vendor metadata key (allowed: " + String.join(", ", KEYS) + ")");
                    ok = false;
                }
            }
        }
        if (!ok) {
            return null;
        }
        long passing = tests.get("passing");
        long total = tests.get("total");
        long skipped = tests.get("skipped");
        if (passing + skipped > total) {
            v.reject(field + ".test_results", "passing + skipped must not exceed total (got " + passing + " + "
                    + skipped + " > " + total + ")");
            return null;
        }
        return new VendorMetadata(
                new FormatSupport(formats.get("excel"), formats.get("csv"), formats.get("pdf"), formats.get("ocr")),
                new TestResults(passing, total, skipped), extractorVersion, manifestCompliant);
    }
}
