package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs tasks at the same moment: every thread waits at a start gate until all have started, so the tasks really race
 * (version checks, claims, unique names). The one race harness of the contract suites and the adapters' load tests.
 *
 * <p>Stateless; thread-safe.
 */
public final class Race {
    private Race() {
    }

    /** A task's failure, kept apart from results so a task may also return an exception object. */
    private record Failure(Exception exception) {
    }

    /**
     * Runs {@code n} tasks at once on {@code pool} (at least {@code n} threads) and returns, in task order, each task's
     * result or the exception it threw.
     */
    public static List<Object> outcomes(ExecutorService pool, int n, IntFunction<Callable<?>> task, Duration timeout)
            throws InterruptedException {
        List<Object> raw = run(pool, n, task, timeout);
        List<Object> out = new ArrayList<>(raw.size());
        raw.forEach(r -> out.add(r instanceof Failure f ? f.exception() : r));
        return out;
    }

    /** Runs {@code task} {@code n} times at once and returns the results in order; the first failure is rethrown. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> all(ExecutorService pool, int n, Callable<T> task, Duration timeout) throws Exception {
        List<Object> raw = run(pool, n, i -> task, timeout);
        List<T> out = new ArrayList<>(raw.size());
        for (Object r : raw) {
            if (r instanceof Failure f) {
                throw f.exception();
            }
            out.add((T) r);
        }
        return out;
    }

    private static List<Object> run(ExecutorService pool, int n, IntFunction<Callable<?>> task, Duration timeout)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<?> c = task.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    return c.call();
                } catch (Exception e) {
                    return new Failure(e);
                }
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).as("threads started").isTrue();
        go.countDown();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Object> results = new ArrayList<>();
        for (Future<Object> f : futures) {
            try {
                results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("concurrent task did not finish within " + timeout, e);
            }
        }
        return results;
    }
}
