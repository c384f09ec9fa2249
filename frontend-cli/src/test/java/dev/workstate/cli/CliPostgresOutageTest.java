package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.WorkstateConfig;
import dev.workstate.internal.StoreFactory;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Store;
import dev.workstate.testkit.Eventually;
import dev.workstate.testkit.PgTestDatabase;
import dev.workstate.testkit.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7's last acceptance bullet for the CLI: the default chain (postgres → sqlite → markdown) over a real
 * PostgreSQL (embedded, or {@code WORKSTATE_TEST_PG_URL}) reached through an in-test TCP proxy. With the proxy cut,
 * {@code item create|update|list} keep succeeding and {@code sync --status} shows postgres down with queued writes;
 * after restoring it, {@code sync} replays and PostgreSQL holds every write with the version the CLI reported.
 */
@Timeout(120)
class CliPostgresOutageTest {
    private static final PgTestDatabase DB = PgTestDatabase.get();
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private TcpProxy proxy;
    private String schema;

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            DB.dropSchema(schema);
        }
    }

    @Test
    void commandsSucceedThroughAnOutageAndSyncBringsPostgresUpToDate() {
        Cli cli = postgresCli();
        JsonNode status = cli.json("sync", "--status");
        assertThat(status.get("primary").asString()).as("status %s", status).isEqualTo("postgres");
        assertThat(names(status)).containsExactly("postgres", "sqlite", "markdown");
        String project = cli.project("outage project");
        Cli.Result healthy = cli.run("item", "show", project, "--json");
        assertThat(healthy.code()).isZero();
        assertThat(healthy.err()).doesNotContain("warning");

        proxy.cut();

        Map<String, JsonNode> written = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            JsonNode item = cli.json("item", "create", "--type", "task", "--title", "during " + i, "--parent", project);
            written.put(item.get("id").asString(), item);
        }
        String first = written.keySet().iterator().next();
        JsonNode updated = cli.json("item", "update", first, "--version", "1", "--title", "during 0, updated");
        assertThat(updated.get("version").asLong()).isEqualTo(2);
        written.put(first, updated);

        // the result says it came from a fallback layer: one warning line on stderr, stdout stays the JSON
        Cli.Result listRun = cli.run("item", "list", "--parent", project, "--json");
        assertThat(listRun.code()).isZero();
        assertThat(listRun.err()).contains("warning: postgres unavailable; served by sqlite (may be stale)");
        JsonNode page = listRun.json();
        List<String> listed = new ArrayList<>();
        page.get("items").forEach(n -> listed.add(n.get("id").asString()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(written.keySet());

        JsonNode down = cli.json("sync", "--status");
        assertThat(down.get("layers").get(0).get("healthy").asBoolean()).as("status %s", down).isFalse();
        assertThat(down.get("layers").get(0).get("reason").asString()).contains("postgres unavailable");
        assertThat(down.get("primary").asString()).isEqualTo("sqlite");
        assertThat(down.get("pending_outbox").asLong()).isPositive();
        // while postgres is still cut, sync cannot replay: it reports what remains instead of failing
        Cli.Result stillDown = cli.run("sync", "--json");
        assertThat(stillDown.code()).as("sync while cut: %s %s", stillDown.out(), stillDown.err()).isZero();
        assertThat(stillDown.json().get("remaining").asLong()).isPositive();

        proxy.restore();
        JsonNode recovered = awaitSynced(cli);
        assertThat(recovered.get("primary").asString()).isEqualTo("postgres");
        assertThat(recovered.get("open_conflicts").asLong()).isZero();
        recovered.get("layers").forEach(l -> assertThat(l.get("pending_outbox").asLong())
                .as("outbox of %s", l.get("name").asString()).isZero());

        WorkstateConfig config = DB.config(home.resolve("verify"), schema);
        try (Store pg = StoreFactory.providers().get("postgres").open(config)) {
            for (Map.Entry<String, JsonNode> e : written.entrySet()) {
                WorkItem stored = pg.workItems().get(UUID.fromString(e.getKey())).orElse(null);
                assertThat(stored).as("item %s in PostgreSQL", e.getKey()).isNotNull();
                assertThat(stored.version()).isEqualTo(e.getValue().get("version").asLong());
                assertThat(stored.title()).isEqualTo(e.getValue().get("title").asString());
                assertThat(stored.parentId()).hasToString(project);
            }
            assertThat(pg.outbox().size()).isZero();
            assertThat(pg.outbox().conflicts()).isEmpty();
        }
        // and the CLI reads them from postgres again
        assertThat(cli.json("item", "show", first).get("title").asString()).isEqualTo("during 0, updated");
    }

    private Cli postgresCli() {
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(DB.url());
        assertThat(m.find()).as("PostgreSQL URL %s", DB.url()).isTrue();
        proxy = TcpProxy.start(m.group(1), Integer.parseInt(m.group(2)));
        String url = DB.url().substring(0, m.start()) + "//127.0.0.1:" + proxy.port() + "/"
                + DB.url().substring(m.end());
        schema = DB.freshSchema();
        Cli cli = new Cli(home);
        cli.env.remove("WORKSTATE_STORAGE"); // the default order: postgres (configured) → sqlite → markdown
        cli.env.put("WORKSTATE_DATABASE_URL", url);
        cli.env.put("WORKSTATE_DATABASE_SCHEMA", schema);
        // generous for a loaded build machine; the proxy's cut resets connections, so it never waits this long
        cli.env.put("WORKSTATE_CONNECT_TIMEOUT_MS", "5000");
        if (DB.user() != null) {
            cli.env.put("WORKSTATE_DATABASE_USER", DB.user());
        }
        if (DB.password() != null) {
            cli.env.put("WORKSTATE_DATABASE_PASSWORD", DB.password());
        }
        return cli;
    }

    /**
     * Runs {@code sync} until (bounded) postgres is the healthy primary with nothing queued: the pool may need a
     * moment to reconnect after the restore, and a sync that still finds postgres down reports what remains.
     */
    private static JsonNode awaitSynced(Cli cli) {
        record Synced(Cli.Result sync, JsonNode status) {
        }
        return Eventually.await(RECOVERY_BOUND, () -> {
            Cli.Result sync = cli.run("sync", "--json");
            assertThat(sync.code()).as("sync: %s %s", sync.out(), sync.err()).isZero();
            return new Synced(sync, cli.json("sync", "--status"));
        }, s -> s.sync().json().get("remaining").asLong() == 0
                && "postgres".equals(s.status().get("primary").asString())
                && s.status().get("layers").get(0).get("healthy").asBoolean()
                && s.status().get("pending_outbox").asLong() == 0,
                s -> "not synced: last sync " + s.sync().out() + ", status " + s.status()).status();
    }

    private static List<String> names(JsonNode status) {
        List<String> names = new ArrayList<>();
        status.get("layers").forEach(l -> names.add(l.get("name").asString()));
        return names;
    }
}
