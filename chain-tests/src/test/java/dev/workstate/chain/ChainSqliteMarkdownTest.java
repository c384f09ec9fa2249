package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.Workstate;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.WorkItem;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.Store;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.testkit.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The chain over a real SQLite file and a real Markdown directory. */
class ChainSqliteMarkdownTest extends ChainTestBase {

    @Test
    void writesGoToSqliteAndAreMirroredIntoMarkdown() {
        Store sq = sqlite("workstate.db");
        Store md = markdown("markdown");
        ChainStore chain = closeLater(chain().layer(sq).layer(md).asyncMirror("markdown").build());
        Workstate ws = over(chain);

        WorkItem project = ws.workItems().create(Fixtures.item("project", "Search"));
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        assertThat(chain.servedBy().stale()).isFalse();
        WorkItem task = ws.workItems().create(Fixtures.child("task", "Index", project.id()));
        ws.workItems().update(WorkItemUpdate.builder(task.id().toString(), task.version()).title("Index files")
                .build());
        ws.workItems().link(task.id().toString(), project.id().toString(), "depends_on", null, false);
        ws.vendors().create("ripgrep", null, null);
        chain.flushMirrors();

        assertThat(ChainFixture.snapshot(md)).isEqualTo(ChainFixture.snapshot(sq));
        assertThat(ChainFixture.items(md)).hasSize(2);
        assertThat(md.outbox().size()).isZero();
        StorageStatus st = chain.status();
        assertThat(st.primary()).isEqualTo("sqlite");
        assertThat(st.layers()).extracting(StorageStatus.Layer::name).containsExactly("sqlite", "markdown");
        assertThat(st.layers()).extracting(StorageStatus.Layer::location).containsExactly("workstate.db", "markdown/");
        assertThat(st.layers()).allMatch(StorageStatus.Layer::healthy);
        assertThat(st.pendingOutbox()).isZero();
    }

    @Test
    void domainErrorsAreAnswersAndNeverMoveDownTheChain() {
        Store sq = sqlite("workstate.db");
        Store md = markdown("markdown");
        ChainStore chain = closeLater(chain().layer(sq).layer(md).build());
        Workstate ws = over(chain);
        WorkItem item = ws.workItems().create(Fixtures.item("task", "A"));

        assertThatThrownBy(() -> ws.workItems().update(
                WorkItemUpdate.builder(item.id().toString(), 7L).title("B").build()))
                .isInstanceOf(VersionConflictException.class);
        assertThat(chain.status().layers()).allMatch(StorageStatus.Layer::healthy);
        assertThat(md.outbox().size()).isZero();
    }

    @Test
    void lockedSqliteSendsWritesToMarkdownAndReplayBringsThemBack() throws Exception {
        Store sq = sqlite("workstate.db");
        Store md = markdown("markdown");
        ChainStore chain = closeLater(chain().layer(sq).layer(md).build());
        Workstate ws = over(chain);
        WorkItem before = ws.workItems().create(Fixtures.item("project", "Before the lock"));

        WorkItem during;
        WorkItem updated;
        // another process holds an exclusive lock on the database file
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("workstate.db"));
             Statement st = other.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0");
            st.execute("BEGIN EXCLUSIVE");
            st.execute("UPDATE project_configuration SET version = version WHERE 1 = 0");

            during = ws.workItems().create(Fixtures.child("task", "Written while locked", before.id()));
            assertThat(chain.servedBy().layer()).isEqualTo("markdown");
            assertThat(chain.servedBy().stale()).isTrue();
            assertThat(chain.servedBy().warning()).isEqualTo("sqlite unavailable; served by markdown (may be stale)");
            updated = ws.workItems().update(WorkItemUpdate.builder(before.id().toString(), before.version())
                    .title("Renamed while locked").build());
            assertThat(ws.workItems().get(during.id().toString()).title()).isEqualTo("Written while locked");
            assertThat(chain.servedBy().layer()).isEqualTo("markdown");
            assertThat(md.outbox().size()).isPositive();

            StorageStatus status = chain.status();
            assertThat(status.primary()).isEqualTo("markdown");
            assertThat(status.layers().get(0).healthy()).isFalse();
            assertThat(status.layers().get(0).reason()).contains("locked");
            st.execute("ROLLBACK");
        }

        var report = chain.sync();
        assertThat(report.remaining()).isZero();
        assertThat(report.conflicts()).isZero();
        assertThat(md.outbox().size()).isZero();
        assertThat(chain.status().primary()).isEqualTo("sqlite");
        assertThat(sq.workItems().get(during.id())).contains(during);
        assertThat(sq.workItems().get(updated.id())).contains(updated);
        assertThat(ChainFixture.snapshot(sq)).isEqualTo(ChainFixture.snapshot(md));
        assertThat(ws.workItems().get(during.id().toString())).isEqualTo(during);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
    }

    @Test
    void allLayersDownIsStorageUnavailableWithOneLinePerLayer() {
        SwitchableStore sq = new SwitchableStore("sqlite", sqlite("workstate.db"));
        SwitchableStore md = new SwitchableStore("markdown", markdown("markdown"));
        ChainStore chain = closeLater(chain().layer(sq).layer(md).build());
        Workstate ws = over(chain);
        ws.workItems().create(Fixtures.item("task", "kept"));
        sq.cut();
        md.cut();
        long auditBefore = sq.real().audit().count();

        assertThatThrownBy(() -> ws.workItems().create(Fixtures.item("task", "lost?")))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("sqlite unavailable: connection refused")
                .hasMessageContaining("markdown unavailable: connection refused")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(3));
        assertThat(sq.real().audit().count()).isEqualTo(auditBefore);
        assertThat(md.real().outbox().size()).isZero();
    }
}
