package dev.workstate.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: upper-case headers, two spaces between columns, the last column unpadded,
 * long cells cut with an ellipsis.
 *
 * <p>Not thread-safe: build and print from one thread.
 */
public final class Table {
    private static final int MAX_CELL = 60;

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            this.headers[i] = headers[i].toUpperCase(java.util.Locale.ROOT);
        }
    }

    /** Adds a row; nulls print as empty cells. */
    public Table row(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            r[i] = clip(c == null ? "" : String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        line(out, headers, width);
        for (String[] r : rows) {
            line(out, r, width);
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            sb.append(c);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(width[i] - c.codePointCount(0, c.length()) + 2));
            }
        }
        out.println(stripTrailing(sb));
    }

    private static String stripTrailing(StringBuilder sb) {
        return sb.toString().stripTrailing();
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\R", " ");
        if (one.codePointCount(0, one.length()) <= MAX_CELL) {
            return one;
        }
        return one.substring(0, one.offsetByCodePoints(0, MAX_CELL - 1)) + "…";
    }
}
