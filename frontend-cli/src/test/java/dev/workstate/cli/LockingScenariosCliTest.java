package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The reference's scenarios 2 (optimistic locking) and 3 (immediate visibility between clients) through the CLI. */
class LockingScenariosCliTest {

    @TempDir
    Path home;

    @Test
    void scenario2TwoClientsRaceOnOneVersion() {
        Cli cli = new Cli(home);
        String id = cli.json("--by", "creator", "item", "create", "--type", "task", "--title", "Shared")
                .get("id").asString();
        long v = cli.json("item", "show", id).get("version").asLong();

        JsonNode a = cli.json("--by", "client-a", "item", "update", id, "--version", Long.toString(v),
                "--meta-json", "{\"estimated_hours\": 3.0}");
        assertThat(a.get("version").asLong()).isEqualTo(v + 1);

        Cli.Result b = cli.run("--by", "client-b", "item", "update", id, "--version", Long.toString(v),
                "--meta-json", "{\"estimated_hours\": 5.0}", "--json");
        assertThat(b.code()).isEqualTo(5);
        JsonNode e = b.error();
        assertThat(e.get("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(e.get("message").asString()).contains("version mismatch");
        JsonNode d = e.get("details");
        assertThat(d.get("entity_type").asString()).isEqualTo("WorkItem");
        assertThat(d.get("entity_id").asString()).isEqualTo(id);
        assertThat(d.get("expected_version").asLong()).isEqualTo(v);
        assertThat(d.get("current_version").asLong()).isEqualTo(v + 1);
        assertThat(d.get("last_updated_by").asString()).isEqualTo("client-a");
        assertThat(d.get("current").get("metadata").get("estimated_hours").asDouble()).isEqualTo(3.0);

        Cli.Result human = cli.run("--by", "client-b", "item", "update", id, "--version", Long.toString(v),
                "--title", "B wins?");
        assertThat(human.code()).isEqualTo(5);
        assertThat(human.err()).startsWith("error: VERSION_CONFLICT ").contains("expected " + v)
                .contains("client-a");
        assertThat(human.err().lines().count()).isEqualTo(1);

        JsonNode fin = cli.json("item", "show", id);
        assertThat(fin.get("version").asLong()).isEqualTo(v + 1);
        assertThat(fin.get("metadata").get("estimated_hours").asDouble()).isEqualTo(3.0);
        assertThat(fin.get("created_by").asString()).isEqualTo("creator");
        assertThat(fin.get("title").asString()).isEqualTo("Shared");

        assertThat(cli.run("item", "update", "01900000-0000-7000-8000-000000000000", "--version", "1", "--title",
                "x").code()).isEqualTo(4);
    }

    @Test
    void scenario2SequentialUpdatesEachAddOne() {
        Cli cli = new Cli(home);
        String id = cli.task("Seq", null);
        String updatedAt = cli.json("item", "show", id).get("updated_at").asString();
        for (long v = 1; v <= 3; v++) {
            JsonNode j = cli.json("item", "update", id, "--version", Long.toString(v), "--title", "Seq " + v);
            assertThat(j.get("version").asLong()).isEqualTo(v + 1);
            assertThat(j.get("updated_at").asString()).isGreaterThanOrEqualTo(updatedAt);
            assertThat(j.get("created_by").asString()).isEqualTo("claude-code");
            updatedAt = j.get("updated_at").asString();
        }
    }

    @Test
    void scenario2ThreeConcurrentWritersOneWins() throws Exception {
        Cli cli = new Cli(home);
        String id = cli.task("Contended", null);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Cli.Result>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String who = "writer-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return cli.run("--by", who, "item", "update", id, "--version", "1", "--title", who, "--json");
                }));
            }
            start.countDown();
            int ok = 0;
            int conflicts = 0;
            for (Future<Cli.Result> f : results) {
                Cli.Result r = f.get(60, TimeUnit.SECONDS);
                if (r.code() == 0) {
                    ok++;
                } else {
                    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(5);
                    assertThat(r.error().get("details").get("current_version").asLong()).isEqualTo(2);
                    conflicts++;
                }
            }
            assertThat(ok).isEqualTo(1);
            assertThat(conflicts).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cli.json("item", "show", id).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void scenario3ChangesAreVisibleToOtherClientsImmediately() {
        Cli cli = new Cli(home);
        String id = cli.json("--by", "claude-code", "item", "create", "--type", "task", "--title", "Visible")
                .get("id").asString();
        for (String client : List.of("claude-desktop", "copilot", "cursor")) {
            JsonNode seen = cli.json("--by", client, "item", "show", id);
            assertThat(seen.get("version").asLong()).isEqualTo(1);
            assertThat(seen.get("created_by").asString()).isEqualTo("claude-code");
        }
        cli.json("--by", "claude-desktop", "item", "update", id, "--version", "1", "--status", "completed");
        List<String> views = new ArrayList<>();
        for (String client : List.of("cursor", "copilot", "claude-code")) {
            JsonNode seen = cli.json("--by", client, "item", "show", id);
            assertThat(seen.get("status").asString()).isEqualTo("completed");
            assertThat(seen.get("version").asLong()).isEqualTo(2);
            assertThat(seen.get("updated_by").asString()).isEqualTo("claude-desktop");
            views.add(seen.get("title").asString() + seen.get("version") + seen.get("status"));
        }
        assertThat(views).containsOnly(views.get(0));
    }
}
