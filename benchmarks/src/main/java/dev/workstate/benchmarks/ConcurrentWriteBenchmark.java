package dev.workstate.benchmarks;

import dev.workstate.model.WorkItem;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of 16 concurrent writers, each doing versioned updates of its own items (distinct items, so no version
 * conflicts), on the 12 000-item dataset (issue 5; SQLite for comparison). The PostgreSQL pool has 20 connections.
 *
 * <p>The store is shared ({@link Scope#Benchmark}); each thread keeps its items and their versions in its own state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ConcurrentWriteBenchmark {
    @Param({"sqlite", "postgres"})
    public String layer;

    private BenchData.Opened data;
    private final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() {
        data = BenchData.open(layer, BenchData.LARGE);
    }

    @TearDown(Level.Trial)
    public void close() {
        data.close();
    }

    /** One writer's items: every 16th task of the dataset's task list, starting at its thread number. */
    @State(Scope.Thread)
    public static class Writer {
        UpdateCycle updates;

        @Setup(Level.Trial)
        public void pick(ConcurrentWriteBenchmark bench) {
            int n = bench.threads.getAndIncrement();
            List<String> all = bench.data.taskIds();
            updates = UpdateCycle.over(bench.data.ws(), java.util.stream.IntStream.range(0, all.size())
                    .filter(i -> i % 16 == n % 16).mapToObj(all::get).toList());
        }
    }

    /** A versioned title update of the writer's next item. */
    @Benchmark
    public WorkItem versionedUpdate(Writer w) {
        return w.updates.update(data.ws(), "Concurrent ");
    }
}
