package dev.workstate.cli;

import dev.workstate.internal.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training run behind the launcher's class-data-sharing archive: runs the everyday commands in one JVM against a
 * throw-away store, so that {@code -XX:DumpLoadedClassList} records every class a cold {@code item show}, {@code item
 * list}, {@code status} or error path needs. Output is discarded; nothing outside the given directory is touched.
 *
 * <pre>java -XX:DumpLoadedClassList=FILE -cp workstate-cli.jar dev.workstate.cli.FastStartTraining DIR</pre>
 *
 * <p>Why in-process and not one JVM per command: the class list is per JVM, and a static archive is built from one
 * list. Not thread-safe; a tool with a {@link #main} only.
 */
public final class FastStartTraining {
    private FastStartTraining() {
    }

    /** Runs the training commands in {@code args[0]}; exits 0 when they ran (their own exit codes do not matter). */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: FastStartTraining DIR");
            System.exit(2);
        }
        String data = Path.of(args[0]).resolve("data").toString();
        // No WORKSTATE_* settings: the default layers (SQLite plus the markdown mirror), so both adapters are trained.
        Map<String, String> env = Map.of();
        run(env, "--data-dir", data, "demo", "--json");
        run(env, "--data-dir", data, "demo");
        String id = firstItemId(run(env, "--data-dir", data, "item", "list", "--json", "--limit", "5"));
        run(env, "--data-dir", data, "item", "list");
        run(env, "--data-dir", data, "item", "list", "--ready");
        run(env, "--data-dir", data, "item", "tree");
        if (id != null) {
            run(env, "--data-dir", data, "item", "show", id);
            run(env, "--data-dir", data, "item", "show", id, "--json");
            run(env, "--data-dir", data, "item", "show", id, "--hierarchy");
            run(env, "--data-dir", data, "item", "update", id, "--title", "Trained");
            run(env, "--data-dir", data, "history", id);
        }
        run(env, "--data-dir", data, "item", "show", "00000000-0000-7000-8000-000000000000");
        run(env, "--data-dir", data, "item", "show", "not-an-id");
        run(env, "--data-dir", data, "item", "create", "--type", "task", "--title", "Training task");
        run(env, "--data-dir", data, "vendor", "create", "training");
        run(env, "--data-dir", data, "vendor", "show", "TRAINING");
        run(env, "--data-dir", data, "vendor", "list");
        run(env, "--data-dir", data, "config", "show");
        run(env, "--data-dir", data, "status", "--at", "2026-01-01T00:00:00Z");
        run(env, "--version");
        run(env, "--help");
        run(env, "item", "--help");
        run(env, "no-such-command");
        System.exit(0);
    }

    private static String run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        try {
            WorkstateCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(Writer.nullWriter(), true), args)
                    .execute(args);
        } catch (RuntimeException e) {
            // A failing training command only means fewer classes in the archive.
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static String firstItemId(String listJson) {
        try {
            Map<String, Object> page = Json.read(listJson, Map.class);
            List<Map<String, Object>> items = new ArrayList<>((List<Map<String, Object>>) page.get("items"));
            return items.isEmpty() ? null : String.valueOf(items.get(items.size() - 1).get("id"));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
