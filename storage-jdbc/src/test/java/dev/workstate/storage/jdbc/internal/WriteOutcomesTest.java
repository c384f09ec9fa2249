package dev.workstate.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.error.NotFoundException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.Ids;
import dev.workstate.model.ItemType;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Mutation;
import dev.workstate.port.StalePathException;
import dev.workstate.storage.jdbc.internal.Rows.WorkItemRow;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** How an update that changed no row is explained, from the rows as a re-read finds them. */
class WriteOutcomesTest {
    private static final Instant T = Instant.parse("2026-03-04T05:06:07Z");
    private final UUID parent = Ids.newId();
    private final WorkItem stored = WorkItem.builder().id(Ids.newId()).version(3).itemType(ItemType.TASK).title("t")
            .status(WorkItemStatus.ACTIVE).parentId(parent).path("/" + parent + "/x").depth(1).metadata(Map.of())
            .createdAt(T).updatedAt(T).createdBy("c").updatedBy("someone").build();
    private final WorkItem next = stored.toBuilder().version(4).title("t2").build();
    private final AtomicInteger parentReads = new AtomicInteger();

    private Predicate<String> parentExists(boolean exists) {
        return id -> {
            assertThat(id).isEqualTo(parent.toString());
            parentReads.incrementAndGet();
            return exists;
        };
    }

    private RuntimeException outcome(WorkItem now, String guard, boolean parentThere) {
        return WriteOutcomes.updateChangedNothing(now == null ? null : WorkItemRow.of(now),
                new Mutation.UpdateWorkItem(next, 3, guard), parentExists(parentThere));
    }

    @Test
    void goneMovedOnOrElsewhereAreToldApartByTheRowAsItIsNow() {
        assertThat(outcome(null, stored.path(), true)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(stored.id().toString());
        assertThat(outcome(stored.toBuilder().version(5).build(), stored.path(), true))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.currentVersion()).isEqualTo(5);
                    assertThat(e.expectedVersion()).isEqualTo(3);
                });
        assertThat(outcome(stored.toBuilder().path("/elsewhere/x").build(), stored.path(), true))
                .isInstanceOf(StalePathException.class);
        assertThat(parentReads).hasValue(0);
    }

    @Test
    void anItemBackAtItsPathUnderAnExistingParentWasElsewhereWhenTheUpdateRan() {
        // PostgreSQL: an ancestor moved away (the update's WHERE saw the new path) and back before the re-read
        assertThat(outcome(stored, stored.path(), true)).isInstanceOf(StalePathException.class);
        assertThat(outcome(stored, stored.path(), false)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(parent.toString());
        assertThat(parentReads).hasValue(2);
        // an unguarded update (a mirror's copy) keeps the old reading: its parent is missing
        assertThat(outcome(stored, null, true)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(parent.toString());
        assertThat(parentReads).hasValue(2);
    }
}
