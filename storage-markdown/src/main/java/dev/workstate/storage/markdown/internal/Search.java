package dev.workstate.storage.markdown.internal;

import dev.workstate.internal.SearchText;
import dev.workstate.model.WorkItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Full-text matching by scan with the shared definition of {@link SearchText} (the words SQLite FTS5 unicode61 and
 * PostgreSQL see: lower-cased runs of letters and digits over title, description and scalar metadata values). A query
 * matches when every query word occurs as a whole word; matches are ranked with BM25 over those texts.
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
        return SearchText.words(text);
    }

    static Doc doc(WorkItem w) {
        Map<String, Integer> counts = new HashMap<>();
        int length = 0;
        String meta = SearchText.metadataText(w.metadata());
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
