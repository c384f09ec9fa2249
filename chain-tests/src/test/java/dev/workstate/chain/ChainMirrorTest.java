package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Store;
import dev.workstate.service.ConfigurationUpdate;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.NewDeployment;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.testkit.Fixtures;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every kind of change is mirrored into the layers below, and a layer that cannot even be opened is skipped. */
class ChainMirrorTest extends ChainTestBase {

    private void everyKindOfChange(Workstate ws) {
        WorkItem p1 = ws.workItems().create(Fixtures.item("project", "P1"));
        WorkItem p2 = ws.workItems().create(Fixtures.item("project", "P2"));
        WorkItem t = ws.workItems().create(Fixtures.child("task", "T", p1.id()));
        WorkItem sub = ws.workItems().create(Fixtures.child("research", "R", t.id()));
        // move T (and its child) under P2
        ws.workItems().update(WorkItemUpdate.builder(t.id().toString(), t.version()).parentId(p2.id().toString())
                .build());
        ws.workItems().claim(sub.id().toString(), "agent-1", "claim", 30);
        ws.workItems().link(sub.id().toString(), p1.id().toString(), "depends_on", null, false);
        ws.workItems().link(p1.id().toString(), p2.id().toString(), "blocks", null, false);
        ws.workItems().link(p1.id().toString(), p2.id().toString(), "blocks", null, true);
        Vendor v = ws.vendors().create("pdfplumber", null, null);
        ws.vendors().update("pdfplumber", v.version(), "operational", null, null);
        ws.deployments().record(new NewDeployment("2026-01-02T03:04:05Z", Map.of("pr_number", 12, "pr_title", "Ship",
                "commit_hash", Fixtures.COMMIT, "test_summary", Map.of("unit", 3), "constitutional_compliance", true),
                List.of(v.id().toString()), List.of(t.id().toString()), null));
        Enhancement e = ws.enhancements().save(new EnhancementSave(null, null, "Faster search", "d", 2, null,
                "2026-Q1", null, null));
        ws.enhancements().save(new EnhancementSave(e.id().toString(), e.version(), "Faster search", "d2", 1,
                null, "2026-Q1", null, null));
        ws.configuration().update(new ConfigurationUpdate(Optional.of("maintenance"), null,
                Optional.of("main"), null, null, ws.configuration().get().version(), null));
    }

    private static void assertSameState(Store a, Store b) {
        assertThat(ChainFixture.snapshot(b)).isEqualTo(ChainFixture.snapshot(a));
        assertThat(b.configuration().get()).isEqualTo(a.configuration().get());
        for (Deployment d : a.deployments().list(new dev.workstate.port.DeploymentFilter(null, null, null, 100, 0))
                .items()) {
            assertThat(b.deployments().get(d.id())).contains(d);
        }
        for (Enhancement e : a.enhancements().list(null, 100, 0).items()) {
            assertThat(b.enhancements().get(e.id())).contains(e);
        }
    }

    @Test
    void everyKindOfChangeReachesSqliteAndMarkdown() {
        Store top = sqlite("top.db");
        Store sq = sqlite("workstate.db");
        Store md = markdown("markdown");
        ChainStore chain = closeLater(chain().layer("top", () -> top).layer("sqlite", () -> sq).layer(md)
                .asyncMirror("markdown").build());
        everyKindOfChange(over(chain));
        chain.flushMirrors();
        assertSameState(top, sq);
        assertSameState(top, md);
    }

    @Test
    void changesMadeInMarkdownDuringAnOutageReplayIntoSqlite() {
        SwitchableStore sq = new SwitchableStore("sqlite", sqlite("workstate.db"));
        Store md = markdown("markdown");
        ChainStore chain = closeLater(chain().layer(sq).layer(md).build());
        Workstate ws = over(chain);
        ws.workItems().create(Fixtures.item("project", "before"));
        sq.cut();
        everyKindOfChange(ws);
        assertThat(chain.servedBy().layer()).isEqualTo("markdown");
        sq.restore();
        var report = chain.sync();
        assertThat(report.conflicts()).as("%s", report.notes()).isZero();
        assertThat(report.remaining()).isZero();
        assertSameState(sq.real(), md);
    }

    @Test
    void aSqliteFileReplacedByGarbageSendsWritesToMarkdownUntilItIsRepaired() throws Exception {
        var file = dir.resolve("workstate.db");
        Files.write(file, "this is not a database, just garbage bytes ".repeat(200).getBytes());
        Store md = markdown("markdown");
        ChainStore chain = closeLater(chain().layer("sqlite", () -> sqlite("workstate.db")).layer(md).build());
        Workstate ws = over(chain);

        WorkItem a = ws.workItems().create(Fixtures.item("task", "kept in markdown"));
        assertThat(chain.servedBy().layer()).isEqualTo("markdown");
        assertThat(chain.status().layers().get(0).healthy()).isFalse();
        assertThat(chain.status().layers().get(0).reason()).doesNotContain(dir.toString());
        assertThat(md.outbox().size()).isPositive();

        Files.delete(file); // repaired: the next open creates a fresh database
        chain.sync();
        Store sq = chain.layerStore("sqlite").orElseThrow();
        assertThat(sq.workItems().get(a.id())).contains(a);
        assertThat(md.outbox().size()).isZero();
        assertThat(chain.status().primary()).isEqualTo("sqlite");
    }
}
