package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.internal.Json;
import dev.workstate.internal.StoreFactory;
import dev.workstate.port.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Test driver: runs the CLI in-process through picocli's {@code CommandLine.execute} against a real SQLite store in
 * {@code home}, capturing stdout and stderr. A fresh command line per call, like a fresh process.
 */
final class Cli {
    final Path home;
    final Map<String, String> env = new HashMap<>();

    Cli(Path home) {
        this.home = home;
        env.put("WORKSTATE_HOME", home.toString());
        env.put("WORKSTATE_STORAGE", "sqlite");
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkstateCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs with {@code --json}, expects exit 0 and returns the parsed stdout. */
    JsonNode json(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--json";
        Result r = run(all);
        assertThat(r.code()).as("exit code of %s; stderr=%s stdout=%s", String.join(" ", args), r.err(), r.out())
                .isZero();
        return r.json();
    }

    /** Creates an item through the CLI and returns its id. */
    String create(String type, String title, String... more) {
        String[] base = {"item", "create", "--type", type, "--title", title};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return json(all).get("id").asString();
    }

    String project(String title) {
        return create("project", title, "--meta-json", "{\"description\":\"d\"}");
    }

    String task(String title, String parent) {
        return parent == null ? create("task", title) : create("task", title, "--parent", parent);
    }

    /** The library over the same directory, for seeding with a chosen clock. */
    Workstate library(Clock clock) {
        WorkstateConfig config = WorkstateConfig.resolve(Map.of("data_dir", home.toString(), "storage", "sqlite"),
                Map.of());
        Store store = StoreFactory.enabled(config).get(0).open(config);
        return Workstate.over(store, config, clock);
    }

    Workstate library() {
        return library(Clock.systemUTC());
    }

    /** One run's outcome. */
    record Result(int code, String out, String err) {
        JsonNode json() {
            return Json.mapper().readTree(out);
        }

        /** The {"error": {...}} object of a --json failure. */
        JsonNode error() {
            return json().get("error");
        }
    }
}
