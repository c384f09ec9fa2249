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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Test driver: runs the CLI in-process through picocli's {@code CommandLine.execute} against a real SQLite store in
 * {@code home}, capturing stdout and stderr. A fresh command line per call, like a fresh process.
 */
final class Cli {
    /**
     * The store the drivers created on this thread use when set: how {@link PostgresCliAcceptanceTest} runs the
     * scenario classes unchanged against PostgreSQL. Unset means the default, a SQLite file in {@code home}.
     */
    static final ThreadLocal<Backend> BACKEND = new ThreadLocal<>();

    final Path home;
    final Map<String, String> env = new HashMap<>();
    private final List<String> globalArgs;

    Cli(Path home) {
        this.home = home;
        env.put("WORKSTATE_HOME", home.toString());
        env.put("WORKSTATE_STORAGE", "sqlite");
        Backend backend = BACKEND.get();
        if (backend == null) {
            globalArgs = List.of();
        } else {
            globalArgs = backend.globalArgs();
            env.putAll(backend.env());
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = args;
        if (!globalArgs.isEmpty()) {
            all = new String[globalArgs.size() + args.length];
            System.arraycopy(globalArgs.toArray(new String[0]), 0, all, 0, globalArgs.size());
            System.arraycopy(args, 0, all, globalArgs.size(), args.length);
        }
        int code = WorkstateCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
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
        Backend backend = BACKEND.get();
        Map<String, String> flags = new HashMap<>(Map.of("data_dir", home.toString(), "storage", "sqlite"));
        if (backend != null) {
            flags.putAll(backend.libraryFlags());
        }
        WorkstateConfig config = WorkstateConfig.resolve(flags, Map.of());
        Store store = StoreFactory.enabled(config).get(0).open(config);
        return Workstate.over(store, config, clock);
    }

    Workstate library() {
        return library(Clock.systemUTC());
    }

    /**
     * A PostgreSQL store for the CLI: URL, user and schema as global options (as a user types them), the password and
     * the layer order through the environment (the CLI has no password flag).
     */
    record Backend(String url, String user, String password, String schema, String storage) {
        List<String> globalArgs() {
            List<String> args = new ArrayList<>(List.of("--database-url", url, "--database-schema", schema));
            if (user != null) {
                args.addAll(List.of("--database-user", user));
            }
            return List.copyOf(args);
        }

        Map<String, String> env() {
            Map<String, String> env = new HashMap<>(Map.of("WORKSTATE_STORAGE", storage));
            if (password != null) {
                env.put("WORKSTATE_DATABASE_PASSWORD", password);
            }
            return env;
        }

        Map<String, String> libraryFlags() {
            Map<String, String> flags = new HashMap<>(Map.of("database_url", url, "database_schema", schema,
                    "storage", storage));
            if (user != null) {
                flags.put("database_user", user);
            }
            if (password != null) {
                flags.put("database_password", password);
            }
            return flags;
        }
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
