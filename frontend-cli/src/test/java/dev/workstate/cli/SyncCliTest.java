package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.WorkstateConfig;
import dev.workstate.internal.StoreFactory;
import dev.workstate.internal.service.Audit;
import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code workstate sync}, {@code sync --status} and {@code sync --resolve} over the sqlite → markdown chain. */
class SyncCliTest {
    @TempDir
    Path home;

    private Cli chainCli() {
        Cli cli = new Cli(home);
        cli.env.put("WORKSTATE_STORAGE", "sqlite,markdown");
        return cli;
    }

    @Test
    void statusShowsEveryLayerAndSyncWithNothingQueuedIsANoOp() {
        Cli cli = chainCli();
        cli.task("one", null);
        JsonNode st = cli.json("sync", "--status");
        assertThat(st.get("primary").asString()).isEqualTo("sqlite");
        assertThat(st.get("layers")).hasSize(2);
        assertThat(st.get("layers").get(1).get("name").asString()).isEqualTo("markdown");
        assertThat(st.get("layers").get(1).get("healthy").asBoolean()).isTrue();
        assertThat(st.get("conflicts")).isEmpty();
        JsonNode sync = cli.json("sync");
        assertThat(sync.get("replayed").asLong()).isZero();
        assertThat(sync.get("remaining").asLong()).isZero();
        Cli.Result human = cli.run("sync", "--status");
        assertThat(human.code()).isZero();
        assertThat(human.out()).contains("LAYER", "sqlite *", "markdown", "primary: sqlite", "JOURNALED");
    }

    @Test
    void statusInALaterCommandShowsTheSyncAnEarlierOneMade() {
        Cli cli = chainCli();
        cli.task("one", null);

        // each command is a store opened and closed anew, as separate CLI processes are
        cli.json("sync");
        JsonNode st = cli.json("sync", "--status");

        assertThat(st.get("last_sync_at").isNull()).isFalse();
        java.time.Instant at = java.time.Instant.parse(st.get("last_sync_at").asString());
        assertThat(at).isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
        assertThat(cli.run("sync", "--status").out()).doesNotContain("last sync: never");
    }

    @Test
    void aQueuedChangeThatConflictsIsShownWithBothSidesAndResolvedKeepingMine() {
        Cli cli = chainCli();
        String id = cli.task("base", null);
        cli.json("item", "update", id, "--version", "1", "--title", "theirs");

        // a change the markdown layer took while sqlite was down, based on version 1
        WorkstateConfig config = WorkstateConfig.resolve(Map.of("data_dir", home.toString()), Map.of());
        try (Store md = StoreFactory.providers().get("markdown").open(config)) {
            WorkItem v1 = md.workItems().get(UUID.fromString(id)).orElseThrow();
            WorkItem mine = v1.toBuilder().version(3).title("mine").build();
            WorkItem base = mine.toBuilder().version(1).title("base").build();
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            md.inTransaction(() -> {
                md.outbox().append(new Mutation.UpdateWorkItem(mine.toBuilder().version(2).build(), 1), now);
                md.outbox().append(Audit.append(EntityType.WORK_ITEM, id, "update", "offline", now, base, mine), now);
                return null;
            });
        }

        // opening the chain already starts the replay in the background; sync finishes it
        JsonNode sync = cli.json("sync");
        assertThat(sync.get("remaining").asLong()).isZero();
        JsonNode st = cli.json("sync", "--status");
        assertThat(st.get("open_conflicts").asLong()).isEqualTo(1);
        JsonNode c = st.get("conflicts").get(0);
        assertThat(c.get("entity_id").asString()).isEqualTo(id);
        assertThat(c.get("mine").get("title").asString()).isEqualTo("mine");
        assertThat(c.get("theirs").get("title").asString()).isEqualTo("theirs");
        assertThat(cli.run("sync", "--status").out()).contains("conflict " + c.get("id").asString(),
                "--keep mine|theirs");

        Cli.Result usage = cli.run("sync", "--resolve", c.get("id").asString());
        assertThat(usage.code()).isEqualTo(2);
        JsonNode resolved = cli.json("sync", "--resolve", c.get("id").asString(), "--keep", "mine");
        assertThat(resolved.get("kept").asString()).isEqualTo("mine");
        JsonNode item = cli.json("item", "show", id);
        assertThat(item.get("title").asString()).isEqualTo("mine");
        assertThat(item.get("version").asLong()).isEqualTo(3);
        assertThat(cli.json("sync", "--status").get("conflicts")).isEmpty();
        assertThat(cli.run("sync", "--resolve", c.get("id").asString(), "--keep", "theirs").code()).isEqualTo(4);
    }
}
