package dev.workstate.cli.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * Prints a forest with box-drawing connectors ({@code ├── }, {@code └── }, {@code │   }); roots start at column 0.
 *
 * <p>Stateless; thread-safe.
 */
public final class Tree {
    private Tree() {
    }

    public static <T> void print(PrintWriter out, List<T> roots, Function<T, List<T>> children,
                                 Function<T, String> label) {
        for (T root : roots) {
            out.println(label.apply(root));
            printChildren(out, root, "", children, label);
        }
    }

    private static <T> void printChildren(PrintWriter out, T node, String prefix, Function<T, List<T>> children,
                                          Function<T, String> label) {
        List<T> kids = children.apply(node);
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            T kid = kids.get(i);
            out.println(prefix + (last ? "└── " : "├── ") + label.apply(kid));
            printChildren(out, kid, prefix + (last ? "    " : "│   "), children, label);
        }
    }
}
