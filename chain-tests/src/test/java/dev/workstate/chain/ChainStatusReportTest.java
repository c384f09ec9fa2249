package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.model.WorkItem;
import dev.workstate.testkit.Fixtures;
import dev.workstate.testkit.ScenarioDataset;
import org.junit.jupiter.api.Test;

/**
 * The status report through the chain: its narrow read of the live items goes to the serving layer like every other
 * read, so the chain prints the same bytes as each layer on its own, and the fallback layer's report when the first
 * layer is down.
 */
class ChainStatusReportTest extends ChainTestBase {
    private static final String AT = ScenarioDataset.REPORT_AT.toString();

    @Test
    void chainReportIsTheServingLayersReport() {
        SwitchableStore sq = new SwitchableStore("sqlite", sqlite("workstate.db"));
        SwitchableStore md = new SwitchableStore("markdown", markdown("markdown"));
        ChainStore chain = closeLater(chain().layer(sq).layer(md).build());
        Workstate ws = over(chain);
        ScenarioDataset.scenario8().populate(ws, clock);
        WorkItem gone = ws.workItems().create(Fixtures.item("project", "Deleted parent"));
        ws.workItems().create(Fixtures.child("task", "Child of a deleted parent", gone.id()));
        ws.workItems().update(Fixtures.update(gone.id(), gone.version()).deletedAt("NOW()").build());
        chain.flushMirrors();

        String viaChain = ws.reports().generate("markdown", AT, null).markdown();
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        assertThat(viaChain).contains("## Active Work Items (51)", "- **Parent**: Deleted parent");
        assertThat(over(sq.real()).reports().generate("markdown", AT, null).markdown()).isEqualTo(viaChain);
        assertThat(over(md.real()).reports().generate("markdown", AT, null).markdown()).isEqualTo(viaChain);
        long refusedBefore = sq.refused();

        sq.cut();
        String fallback = ws.reports().generate("markdown", AT, null).markdown();
        assertThat(sq.refused()).isGreaterThan(refusedBefore);
        assertThat(chain.servedBy().layer()).isEqualTo("markdown");
        assertThat(chain.servedBy().stale()).isTrue();
        assertThat(fallback).isEqualTo(viaChain);
    }
}
