package dev.workstate.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one definition of what full-text search sees, shared by every layer so they match the same items: the searched
 * text of a work item is its title, its description and {@link #metadataText(Map) every scalar metadata value}
 * (strings, numbers, booleans; keys are not searched); words are maximal runs of Unicode letters and digits,
 * compared case-insensitively; a query matches when every one of its words occurs as a whole word (AND, no stemming,
 * no prefix matching). A query with no words matches nothing.
 *
 * <p>Stateless; thread-safe.
 */
public final class SearchText {
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchText() {
    }

    /** All scalar values of {@code metadata}, depth first in map order, separated by single spaces. */
    public static String metadataText(Map<String, ?> metadata) {
        StringBuilder sb = new StringBuilder();
        append(sb, metadata);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> append(sb, v));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> append(sb, v));
        } else {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(value);
        }
    }

    /** The lower-cased words of {@code text} in order (duplicates kept); empty for null or blank text. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : NON_WORD.split(text)) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** True when every word of {@code query} is a word of one of {@code texts} (the scan a file-based layer runs). */
    public static boolean matches(String query, String... texts) {
        List<String> q = words(query);
        if (q.isEmpty()) {
            return false;
        }
        java.util.Set<String> have = new java.util.HashSet<>();
        for (String t : texts) {
            have.addAll(words(t));
        }
        return have.containsAll(q);
    }
}
