package dev.workstate.storage.sqlite;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.Ids;
import dev.workstate.model.ItemType;
import dev.workstate.model.WorkItem;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Builders of valid records for the store-level tests. Not thread-safe (no state). */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private StoreFixtures() {
    }

    static WorkItem root(String title) {
        UUID id = Ids.newId();
        return WorkItem.builder().id(id).itemType(ItemType.PROJECT).title(title).path("/" + id).depth(0)
                .metadata(Map.of("description", "d " + title)).createdAt(T0).updatedAt(T0).createdBy("t")
                .updatedBy("t").build();
    }

    static WorkItem child(WorkItem parent, String title) {
        UUID id = Ids.newId();
        return WorkItem.builder().id(id).itemType(ItemType.TASK).title(title).parentId(parent.id())
                .path(parent.path() + "/" + id).depth(parent.depth() + 1).createdAt(T0).updatedAt(T0)
                .createdBy("t").updatedBy("t").build();
    }

    static AuditEvent audit(WorkItem w, String op) {
        return new AuditEvent(Ids.newId(), EntityType.WORK_ITEM, w.id().toString(), op, "t", T0, null, "{}");
    }
}
