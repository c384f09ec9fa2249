package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.workstate.error.ErrorCode;
import dev.workstate.error.FieldError;
import dev.workstate.error.ValidationException;
import dev.workstate.error.WorkstateException;
import dev.workstate.model.WorkItem;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemService;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Helpers shared by the work-item contract suites: short-hands for creating items, asserting error codes and field
 * errors, snapshotting the store, and running calls concurrently behind a start gate.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class WorkItemSupport extends StoreContract {

    protected WorkItemService items() {
        return ws.workItems();
    }

    protected WorkItem create(String type, String title) {
        return items().create(Fixtures.item(type, title));
    }

    protected WorkItem child(String type, String title, WorkItem parent) {
        return items().create(Fixtures.child(type, title, parent == null ? null : parent.id()));
    }

    protected WorkItem reload(WorkItem item) {
        return items().get(item.id().toString());
    }

    protected WorkItem reload(UUID id) {
        return items().get(id.toString());
    }

    /** Lists with default filters but the given page size. */
    protected List<WorkItem> listAll(boolean includeDeleted, boolean includeArchived) {
        return items().list(new WorkItemQuery(null, null, null, false, false, null, includeDeleted, includeArchived,
                100, 0, null)).items();
    }

    /** Every item in the store, deleted and archived ones too, straight from the port (no paging limit). */
    protected List<WorkItem> everything() {
        return store.workItems().list(new dev.workstate.port.WorkItemFilter(null, null, null, false, false, null, true,
                true, null, clock.instant(), Integer.MAX_VALUE, 0)).items();
    }

    /** Asserts that {@code call} fails with {@code code} and returns the exception. */
    protected static WorkstateException expectError(ErrorCode code, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("expected %s", code).isInstanceOf(WorkstateException.class);
        WorkstateException e = (WorkstateException) t;
        assertThat(e.code()).as("error code of: %s", e.getMessage()).isEqualTo(code);
        return e;
    }

    /** Asserts a VALIDATION_ERROR and returns the names of the rejected fields. */
    protected static List<String> rejectedFields(ThrowingCallable call) {
        ValidationException e = (ValidationException) expectError(ErrorCode.VALIDATION_ERROR, call);
        return e.errors().stream().map(FieldError::field).toList();
    }

    /** Item count and audit-event count, to prove a rejected call changed nothing. */
    protected long[] snapshot() {
        return new long[] {store.workItems().count(), store.audit().count()};
    }

    protected void assertUnchanged(long[] before) {
        assertThat(snapshot()).as("[items, audit events]").containsExactly(before);
    }

    protected NewWorkItem withMetadata(String type, String title, java.util.Map<String, Object> metadata) {
        return new NewWorkItem(type, title, null, metadata, null, null, null, null, null, null);
    }

    /**
     * Runs {@code n} tasks at once: all threads wait at a start gate so they really race. Returns each task's result
     * or the exception it threw, in task order.
     */
    protected static List<Object> race(int n, IntFunction<Callable<?>> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            return race(pool, n, task);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** As {@link #race(int, IntFunction)} on a caller-owned pool with at least {@code n} threads. */
    protected static List<Object> race(ExecutorService pool, int n, IntFunction<Callable<?>> task)
            throws InterruptedException {
        return Race.outcomes(pool, n, task, java.time.Duration.ofSeconds(60));
    }
}
