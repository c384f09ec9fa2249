package dev.workstate.mcp.tool;

import dev.workstate.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every tool result under {@value #MAX_CHARS} characters of JSON, because agents pay for every byte. Pages
 * ({@code items} + {@code has_more}) are cut to the items that fit, with {@code has_more: true} and a note giving the
 * next offset, so nothing is lost: the client pages on. Other results have their longest lists halved until they fit,
 * and a {@code truncated} entry says which list was cut and how many entries it had.
 *
 * <p>Stateless; thread-safe.
 */
public final class ResultBudget {
    /** The largest JSON text a result may have. */
    public static final int MAX_CHARS = 25_000;
    /** Room kept free for the note a cut adds. */
    private static final int NOTE_ROOM = 300;

    private ResultBudget() {
    }

    /** A result that fits, with its JSON text (serialised once: the size check's text is the text sent). */
    public record Fitted(Map<String, Object> structured, String json) {
    }

    public static Fitted fit(Map<String, Object> result) {
        String json = Json.write(result);
        if (json.length() <= MAX_CHARS) {
            return new Fitted(result, json);
        }
        Map<String, Object> cut = result.get("items") instanceof List<?> && result.containsKey("has_more")
                ? fitPage(result) : fitTree(result);
        return new Fitted(cut, Json.write(cut));
    }

    private static Map<String, Object> fitPage(Map<String, Object> page) {
        List<?> items = (List<?>) page.get("items");
        int lo = 0;
        int hi = items.size();
        // Largest prefix that fits (binary search on the serialised size).
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (Json.write(withItems(page, items.subList(0, mid))).length() <= MAX_CHARS - NOTE_ROOM) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Map<String, Object> out = withItems(page, items.subList(0, lo));
        long offset = page.get("offset") instanceof Number n ? n.longValue() : 0;
        out.put("has_more", true);
        out.put("note", "page cut to " + lo + " of " + items.size() + " items to stay under " + MAX_CHARS
                + " characters; continue with offset " + (offset + lo));
        return out;
    }

    private static Map<String, Object> withItems(Map<String, Object> page, List<?> items) {
        Map<String, Object> out = new LinkedHashMap<>(page);
        out.put("items", new ArrayList<>(items));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fitTree(Map<String, Object> result) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(result);
        Map<String, Object> truncated = new LinkedHashMap<>();
        for (int guard = 0; guard < 64 && Json.write(copy).length() > MAX_CHARS - NOTE_ROOM; guard++) {
            Object[] longest = longestList(copy, "", null);
            if (longest == null) {
                break;
            }
            String path = (String) longest[0];
            List<Object> list = (List<Object>) longest[1];
            Object total = truncated.containsKey(path) ? ((Map<String, Object>) truncated.get(path)).get("total")
                    : list.size();
            int keep = list.size() / 2;
            list.subList(keep, list.size()).clear();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("shown", keep);
            info.put("total", total);
            truncated.put(path, info);
        }
        if (!truncated.isEmpty()) {
            copy.put("truncated", truncated);
        }
        return copy;
    }

    /** Finds the list with the most elements anywhere in the tree: {path, list}. */
    private static Object[] longestList(Object node, String path, Object[] best) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("truncated".equals(e.getKey())) {
                    continue;
                }
                String p = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
                best = longestList(e.getValue(), p, best);
            }
        } else if (node instanceof List<?> l) {
            if (!l.isEmpty() && (best == null || ((List<?>) best[1]).size() < l.size())) {
                best = new Object[] {path, l};
            }
            for (Object child : l) {
                if (child instanceof Map || child instanceof List) {
                    best = longestList(child, path + "[]", best);
                }
            }
        }
        return best;
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(deepCopy(v)));
            return out;
        }
        return node;
    }
}
