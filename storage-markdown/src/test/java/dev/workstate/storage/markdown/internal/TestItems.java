package dev.workstate.storage.markdown.internal;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.ItemType;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Helpers that write through the store the way services do: the change and its audit event in one transaction. */
final class TestItems {
    private TestItems() {
    }

    static WorkItem newItem(String title, WorkItem parent) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return WorkItem.builder().id(id).itemType(ItemType.TASK).title(title).description("about " + title)
                .parentId(parent == null ? null : parent.id())
                .path(parent == null ? "/" + id : parent.path() + "/" + id)
                .depth(parent == null ? 0 : parent.depth() + 1)
                .metadata(Map.of("estimated_hours", 3L)).createdAt(now).updatedAt(now).createdBy("t").updatedBy("t")
                .build();
    }

    static AuditEvent event(WorkItem w, String op) {
        return new AuditEvent(UUID.randomUUID(), EntityType.WORK_ITEM, w.id().toString(), op, "t",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, w.title());
    }

    static WorkItem create(Store store, String title, WorkItem parent) {
        WorkItem w = newItem(title, parent);
        store.inTransaction(() -> {
            store.apply(new Mutation.InsertWorkItem(w));
            store.apply(new Mutation.AppendAudit(event(w, "create")));
            return null;
        });
        return w;
    }

    /** Increments the counter in the item's title with a versioned update, retrying on conflicts. */
    static void increment(Store store, UUID id) {
        while (true) {
            try {
                store.inTransaction(() -> {
                    WorkItem cur = store.workItems().get(id).orElseThrow();
                    long n = Long.parseLong(cur.title());
                    WorkItem next = cur.toBuilder().title(Long.toString(n + 1)).version(cur.version() + 1).build();
                    store.apply(new Mutation.UpdateWorkItem(next, cur.version()));
                    store.apply(new Mutation.AppendAudit(event(next, "update")));
                    return null;
                });
                return;
            } catch (dev.workstate.error.VersionConflictException e) {
                // someone else incremented first: read again and retry
            }
        }
    }
}
