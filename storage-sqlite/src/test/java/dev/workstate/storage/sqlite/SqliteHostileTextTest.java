package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.ContextType;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.EntityType;
import dev.workstate.model.Ids;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.WorkItemFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every text field takes SQL-injection strings, quotes and FTS syntax verbatim: values are always bound. */
class SqliteHostileTextTest extends FreshSqliteStore {
    static final List<String> HOSTILE = List.of(
            "Robert'); DROP TABLE work_items;--",
            "' OR '1'='1",
            "\"quoted\" \\ backslash; -- comment /* block */",
            "%_ LIKE wildcards * ? [a-z]",
            "title NEAR(a b) OR \"x\" AND NOT y^ col:val",
            "ünïcødé 日本語 🙂",
            "line\nbreak\ttab\r\n");

    @Test
    void everyTextFieldStoresHostileTextVerbatim() {
        Instant t = StoreFixtures.T0;
        int i = 0;
        for (String s : HOSTILE) {
            i++;
            WorkItem w = StoreFixtures.root(s).toBuilder().description(s).branchName(s).createdBy(s).updatedBy(s)
                    .metadata(Map.of("description", s, s, List.of(s))).build();
            store.apply(new Mutation.InsertWorkItem(w));
            assertThat(store.workItems().get(w.id())).contains(w);
            assertThat(store.apply(new Mutation.ClaimWorkItem(w.id(), s, t.plusSeconds(5), t))).isTrue();
            assertThat(store.workItems().get(w.id()).orElseThrow().claimedBy()).isEqualTo(s);

            Vendor v = new Vendor(Ids.newId(), 1, s + i, VendorStatus.BROKEN, s, VendorMetadata.DEFAULTS, t, t, s, s);
            store.apply(new Mutation.InsertVendor(v));
            assertThat(store.vendors().get(v.id())).contains(v);
            assertThat(store.vendors().findByName(s + i)).contains(v);

            Enhancement e = new Enhancement(Ids.newId(), 1, s, s, 3, EnhancementStatus.PLANNED, s, List.of(s), t, t,
                    s, s);
            store.apply(new Mutation.InsertEnhancement(e));
            assertThat(store.enhancements().get(e.id())).contains(e);

            Deployment d = new Deployment(Ids.newId(), t, "a".repeat(40),
                    new DeploymentMetadata(1, s, "a".repeat(40), Map.of(s, 1L), true), List.of(v.id()),
                    List.of(w.id()), t, s);
            store.apply(new Mutation.InsertDeployment(d));
            assertThat(store.deployments().get(d.id())).contains(d);

            AuditEvent a = new AuditEvent(Ids.newId(), EntityType.WORK_ITEM, w.id().toString(), s, s, t, s, s);
            store.apply(new Mutation.AppendAudit(a));
            assertThat(store.audit().history(EntityType.WORK_ITEM, w.id().toString())).containsExactly(a);

            ProjectConfiguration c = store.configuration().get();
            ProjectConfiguration next = new ProjectConfiguration(1, ContextType.RESEARCH, null, s, null, 5000, true,
                    t, c.version() + 1, t, s);
            store.apply(new Mutation.UpdateConfiguration(next, c.version()));
            assertThat(store.configuration().get()).isEqualTo(next);
        }
        assertThat(store.workItems().count()).isEqualTo(HOSTILE.size());
    }

    @Test
    void searchTreatsQueriesAsWordsNeverAsSyntax() {
        WorkItem w = StoreFixtures.root("near the title column").toBuilder().description("robert drop table").build();
        store.apply(new Mutation.InsertWorkItem(w));
        for (String q : HOSTILE) {
            var page = store.workItems().list(new WorkItemFilter(null, null, null, false, false, q, false, false, null,
                    StoreFixtures.T0, 10, 0));
            assertThat(page.totalCount()).as(q).isGreaterThanOrEqualTo(0);
        }
        var hit = store.workItems().list(new WorkItemFilter(null, null, null, false, false,
                "Robert'); DROP TABLE", false, false, null, StoreFixtures.T0, 10, 0));
        assertThat(hit.items()).extracting(WorkItem::id).containsExactly(w.id());
        var none = store.workItems().list(new WorkItemFilter(null, null, null, false, false, "*** \"", false, false,
                null, StoreFixtures.T0, 10, 0));
        assertThat(none.items()).isEmpty();
    }
}
