package dev.workstate.storage.markdown.internal;

import dev.workstate.model.Metadata;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Strict, typed reads of front-matter fields: every field must be present, and a wrong type is reported with the
 * file's path and the field's line.
 *
 * <p>Not thread-safe: one instance per parsed file.
 */
final class Fields {
    static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final FrontMatter.Parsed p;

    Fields(FrontMatter.Parsed p) {
        this.p = p;
    }

    static String instant(Instant t) {
        return t == null ? null : INSTANT.format(t);
    }

    /**
     * {@link Instant#parse}, with a shortcut for the form the store writes ({@code 2026-01-31T12:00:00.000Z}): the
     * general ISO parser is a noticeable part of opening a large store. Anything else, including an out-of-range
     * field, goes to {@link Instant#parse} for its result or its error.
     */
    static Instant parseInstant(String s) {
        if (s.length() == 24 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':' && s.charAt(19) == '.' && s.charAt(23) == 'Z') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            int millis = digits(s, 20, 3);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && millis >= 0
                    && day <= java.time.YearMonth.of(year, month).lengthOfMonth()) {
                long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second,
                        millis * 1_000_000L);
            }
        }
        return Instant.parse(s);
    }

    /** The decimal number of {@code n} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private InvalidFileException bad(String key, String message) {
        return new InvalidFileException(p.path(), p.line(key), "field '" + key + "' " + message);
    }

    private Object raw(String key) throws InvalidFileException {
        if (!p.has(key)) {
            throw new InvalidFileException(p.path(), 1, "missing field '" + key + "'");
        }
        return p.values().get(key);
    }

    Object any(String key) throws InvalidFileException {
        return raw(key);
    }

    String string(String key) throws InvalidFileException {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw bad(key, "must be text");
        }
        return s;
    }

    String requiredString(String key) throws InvalidFileException {
        String s = string(key);
        if (s == null) {
            throw bad(key, "is required");
        }
        return s;
    }

    UUID uuid(String key) throws InvalidFileException {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw bad(key, "must be a UUID");
        }
    }

    UUID requiredUuid(String key) throws InvalidFileException {
        UUID id = uuid(key);
        if (id == null) {
            throw bad(key, "is required");
        }
        return id;
    }

    Instant instantOrNull(String key) throws InvalidFileException {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            return parseInstant(s);
        } catch (DateTimeParseException e) {
            throw bad(key, "must be an ISO-8601 UTC time such as 2026-01-31T12:00:00.000Z");
        }
    }

    Instant requiredInstant(String key) throws InvalidFileException {
        Instant t = instantOrNull(key);
        if (t == null) {
            throw bad(key, "is required");
        }
        return t;
    }

    Long longOrNull(String key) throws InvalidFileException {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Long l)) {
            throw bad(key, "must be a whole number");
        }
        return l;
    }

    long requiredLong(String key) throws InvalidFileException {
        Long l = longOrNull(key);
        if (l == null) {
            throw bad(key, "is required");
        }
        return l;
    }

    int requiredInt(String key) throws InvalidFileException {
        long l = requiredLong(key);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw bad(key, "is out of range");
        }
        return (int) l;
    }

    Integer intOrNull(String key) throws InvalidFileException {
        Long l = longOrNull(key);
        if (l == null) {
            return null;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw bad(key, "is out of range");
        }
        return l.intValue();
    }

    boolean requiredBoolean(String key) throws InvalidFileException {
        Object v = raw(key);
        if (!(v instanceof Boolean b)) {
            throw bad(key, "must be true or false");
        }
        return b;
    }

    <E> E enumValue(String key, Function<String, Optional<E>> parser) throws InvalidFileException {
        String s = requiredString(key);
        return parser.apply(s).orElseThrow(() -> bad(key, "has an unknown value '" + s + "'"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) throws InvalidFileException {
        Object v = raw(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw bad(key, "must be a mapping");
        }
        return Metadata.freeze((Map<String, ?>) m);
    }

    List<String> stringList(String key) throws InvalidFileException {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw bad(key, "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw bad(key, "must be a list of text");
            }
            out.add(s);
        }
        return out;
    }

    List<UUID> uuidList(String key) throws InvalidFileException {
        List<UUID> out = new ArrayList<>();
        for (String s : stringList(key)) {
            try {
                out.add(UUID.fromString(s));
            } catch (IllegalArgumentException e) {
                throw bad(key, "must be a list of UUIDs");
            }
        }
        return out;
    }

    /** Reads a nested field {@code key.sub} of a mapping value with the mapping's line for errors. */
    Object nested(Map<String, Object> m, String key, String sub) throws InvalidFileException {
        if (!m.containsKey(sub)) {
            throw new InvalidFileException(p.path(), p.line(key), "missing field '" + key + "." + sub + "'");
        }
        return m.get(sub);
    }

    InvalidFileException badNested(String key, String sub, String message) {
        return new InvalidFileException(p.path(), p.line(key), "field '" + key + "." + sub + "' " + message);
    }
}
