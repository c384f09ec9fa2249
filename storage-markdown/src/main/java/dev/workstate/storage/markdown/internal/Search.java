package dev.workstate.storage.markdown.internal;

import dev.workstate.internal.Json;
import dev.workstate.model.WorkItem;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Full-text matching by scan, tokenised like SQLite FTS5's {@code unicode61} tokenizer: tokens are maximal runs of
 * letters, digits and private-use characters, lower-cased, with diacritics removed; everything else separates tokens.
 * A query matches when every query token occurs as a whole token in the title, description or metadata text; matches
 * are ranked with BM25 over those three texts.
 *
 * <p>Stateless; thread-safe.
 */
final class Search {
    private Search() {
    }

    /** The token counts of one work item and its length in tokens. */
    record Doc(Map<String, Integer> counts, int length) {
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean tokenChar = Character.isLetterOrDigit(cp) || type == Character.PRIVATE_USE
                    || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
            if (tokenChar) {
                cur.appendCodePoint(cp);
            } else if (cur.length() > 0) {
                add(out, cur);
            }
        }
        if (cur.length() > 0) {
            add(out, cur);
        }
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String folded = fold(cur.toString());
        if (!folded.isEmpty()) {
            out.add(folded);
        }
        cur.setLength(0);
    }

    private static String fold(String token) {
        String lower = token.toLowerCase(java.util.Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return lower;
        }
        String nfd = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(nfd.length());
        nfd.codePoints().forEach(cp -> {
            int t = Character.getType(cp);
            if (t != Character.NON_SPACING_MARK && t != Character.COMBINING_SPACING_MARK
                    && t != Character.ENCLOSING_MARK) {
                b.appendCodePoint(cp);
            }
        });
        return Normalizer.normalize(b.toString(), Normalizer.Form.NFC);
    }

    static Doc doc(WorkItem w) {
        Map<String, Integer> counts = new HashMap<>();
        int length = 0;
        String meta = w.metadata().isEmpty() ? "" : Json.write(w.metadata());
        for (String text : new String[] {w.title(), w.description(), meta}) {
            for (String t : tokens(text)) {
                counts.merge(t, 1, Integer::sum);
                length++;
            }
        }
        return new Doc(counts, length);
    }

    /** The distinct tokens of a query. */
    static List<String> queryTokens(String query) {
        return new ArrayList<>(new LinkedHashSet<>(tokens(query)));
    }

    static boolean matches(Doc d, List<String> q) {
        if (q.isEmpty()) {
            return false;
        }
        for (String t : q) {
            if (!d.counts().containsKey(t)) {
                return false;
            }
        }
        return true;
    }

    /** BM25 score (higher is better) of a matching doc, given per-token document frequencies over {@code n} docs. */
    static double score(Doc d, List<String> q, Map<String, Integer> df, int n, double avgLength) {
        double k1 = 1.2;
        double b = 0.75;
        double s = 0;
        for (String t : q) {
            int f = d.counts().getOrDefault(t, 0);
            int dft = df.getOrDefault(t, 0);
            double idf = Math.log(1 + (n - dft + 0.5) / (dft + 0.5));
            s += idf * (f * (k1 + 1)) / (f + k1 * (1 - b + b * d.length() / Math.max(avgLength, 1e-9)));
        }
        return s;
    }
}
