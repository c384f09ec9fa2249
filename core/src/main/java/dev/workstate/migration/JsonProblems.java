package dev.workstate.migration;

import dev.workstate.internal.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Says what is wrong with a JSON file that did not bind to Workstate's records, in the file's own terms: where
 * ({@code [3].status}) and what was expected ({@code must be one of active, blocked, completed (got "bogus")}). The
 * mapper's own messages name Java types ({@code java.time.Instant}, {@code dev.workstate.model.WorkItemStatus}), which
 * mean nothing to the person who edited the file and must not reach a client.
 *
 * <p>Stateless; thread-safe.
 */
final class JsonProblems {
    private static final int MAX_VALUE = 40;

    private JsonProblems() {
    }

    /** The client-safe reason for {@code e}: the place in the document, then what is wrong there. */
    static String describe(JacksonException e) {
        String where = where(e.getPath());
        String what = what(e);
        return where.isEmpty() ? what : where + ": " + what;
    }

    private static String where(List<JacksonException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference r : path) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getPropertyName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getPropertyName());
            }
        }
        return b.toString();
    }

    private static String what(JacksonException e) {
        if (e instanceof ValueInstantiationException v) {
            // a record refused its values (e.g. a vendor without metadata): its own reason
            return v.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : "is not a valid record";
        }
        if (e instanceof PropertyBindingException) {
            return "is not a known field";
        }
        if (e instanceof MismatchedInputException m) {
            String expected = expectation(m.getTargetType());
            return m instanceof InvalidFormatException f ? expected + " (got " + shown(f.getValue()) + ")" : expected;
        }
        if (e instanceof StreamReadException) {
            TokenStreamLocation at = e.getLocation();
            String line = firstLine(e.getOriginalMessage());
            return at != null && at.getLineNr() > 0
                    ? "is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + line
                    : "is not valid JSON: " + line;
        }
        return "does not have the structure of an export file";
    }

    /** What a value of {@code type} must look like in JSON. */
    static String expectation(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == long.class || type == int.class || type == short.class || type == Long.class
                || type == Integer.class || type == Short.class || type == java.math.BigInteger.class) {
            return "must be a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> Json.mapper().valueToTree(c).asString()).collect(Collectors.joining(", "));
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2026-01-02T03:04:05Z";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be a JSON object";
        }
        return "has the wrong type";
    }

    private static String shown(Object value) {
        String s = value instanceof String str ? "\"" + str + "\"" : String.valueOf(value);
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "…";
    }

    /** The first line of a parser's message (the rest repeats the input); "syntax error" when it has none. */
    static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
