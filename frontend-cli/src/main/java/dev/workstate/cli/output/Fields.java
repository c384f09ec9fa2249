package dev.workstate.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A key/value block (one field per line, values aligned); fields whose value is null are left out.
 *
 * <p>Not thread-safe: build and print from one thread.
 */
public final class Fields {
    private final List<String[]> lines = new ArrayList<>();

    public Fields add(String key, Object value) {
        if (value != null) {
            lines.add(new String[] {key, String.valueOf(value)});
        }
        return this;
    }

    public void print(PrintWriter out) {
        int w = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        for (String[] l : lines) {
            String pad = " ".repeat(w - l[0].length() + 2);
            String value = l[1].replaceAll("\\R", "\n" + " ".repeat(w + 2));
            out.println(l[0] + pad + value);
        }
    }
}
