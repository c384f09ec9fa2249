package dev.workstate.internal;

import dev.workstate.error.Validator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Shared field checks used by every service, so each rule (lengths, commit hashes, quarters, ids, enums, actors) is
 * written once. Each check records a field error in the given {@link Validator} and returns the parsed value or null.
 *
 * <p>Stateless; thread-safe.
 */
public final class Checks {
    public static final Pattern COMMIT_HASH = Pattern.compile("^[0-9a-f]{40}$");
    public static final Pattern QUARTER = Pattern.compile("^\\d{4}-Q[1-4]$");

    private Checks() {
    }

    /** A required UUID given as text. */
    public static UUID uuid(Validator v, String field, String value) {
        if (value == null || value.isBlank()) {
            v.reject(field, "is required");
            return null;
        }
        return optionalUuid(v, field, value);
    }

    public static UUID optionalUuid(Validator v, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value.trim());
            if (!id.toString().equalsIgnoreCase(value.trim())) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            v.reject(field, "must be a UUID");
            return null;
        }
    }

    /** Required text of 1..max characters, not blank. */
    public static String text(Validator v, String field, String value, int max) {
        if (value == null) {
            v.reject(field, "is required");
            return null;
        }
        return optionalText(v, field, value, max, true);
    }

    /** Optional text of at most max characters; {@code notBlank} also rejects blank values. */
    public static String optionalText(Validator v, String field, String value, int max, boolean notBlank) {
        if (value == null) {
            return null;
        }
        if (notBlank && value.isBlank()) {
            v.reject(field, "must not be blank");
            return null;
        }
        if (value.length() > max) {
            v.reject(field, "must be at most " + max + " characters (got " + value.length() + ")");
            return null;
        }
        return value;
    }

    /** The acting client: 1..100 characters, defaulting to {@code fallback}. */
    public static String actor(Validator v, String field, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            v.reject(field, "must not be blank");
            return null;
        }
        if (value.length() > 100) {
            v.reject(field, "must be at most 100 characters (got " + value.length() + ")");
            return null;
        }
        return value;
    }

    public static String commitHash(Validator v, String field, String value) {
        if (value == null) {
            return null;
        }
        if (!COMMIT_HASH.matcher(value).matches()) {
            v.reject(field, "must be exactly 40 lowercase hexadecimal characters");
            return null;
        }
        return value;
    }

    public static String quarter(Validator v, String field, String value) {
        if (value == null) {
            return null;
        }
        if (!QUARTER.matcher(value).matches()) {
            v.reject(field, "must look like YYYY-Q1..YYYY-Q4");
            return null;
        }
        return value;
    }

    /** An integer within [min, max]. */
    public static Long range(Validator v, String field, Long value, long min, long max) {
        if (value == null) {
            return null;
        }
        if (value < min || value > max) {
            v.reject(field, "must be between " + min + " and " + max + " (got " + value + ")");
            return null;
        }
        return value;
    }

    /** Parses an enum value by wire name, listing the allowed values on failure. */
    public static <E> E oneOf(Validator v, String field, String value, Function<String, Optional<E>> parser,
                              java.util.List<String> allowed) {
        if (value == null) {
            return null;
        }
        Optional<E> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            v.reject(field, "must be one of " + String.join(", ", allowed) + " (got '" + value + "')");
            return null;
        }
        return parsed.get();
    }

    /** Parses an ISO-8601 instant ({@code 2025-01-01T10:00:00Z} or with an offset); {@code NOW()} when allowed. */
    public static Instant instant(Validator v, String field, String value, Instant now, boolean allowNow) {
        if (value == null) {
            return null;
        }
        if (allowNow && value.trim().equalsIgnoreCase("NOW()")) {
            return now;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e2) {
                v.reject(field, "must be an ISO-8601 instant such as 2025-01-31T12:00:00Z"
                        + (allowNow ? " or NOW()" : ""));
                return null;
            }
        }
    }

    /** Paging: limit 1..100 (default {@code defaultLimit}), offset at least 0 (default 0). */
    public static int[] paging(Validator v, Integer limit, Integer offset, int defaultLimit) {
        int l = limit == null ? defaultLimit : limit;
        int o = offset == null ? 0 : offset;
        v.check(l >= 1 && l <= 100, "limit", "must be between 1 and 100 (got " + l + ")");
        v.check(o >= 0, "offset", "must be at least 0 (got " + o + ")");
        return new int[] {l, o};
    }
}
