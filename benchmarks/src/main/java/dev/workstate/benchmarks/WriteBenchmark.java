package dev.workstate.benchmarks;

import dev.workstate.model.Deployment;
import dev.workstate.model.WorkItem;
import dev.workstate.service.NewDeployment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-writer latency through the services on the 12 000-item dataset (issues 2, 3, 5, 6), per layer: create a work
 * item, versioned update of an existing task (title change, compare-and-set on its version), and record a deployment
 * linking 3 vendors and 2 work items. Each write includes its audit event in the same transaction.
 *
 * <p>Each trial writes into a private copy of the dataset; JMH runs one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class WriteBenchmark {
    @Param({"sqlite", "postgres", "markdown"})
    public String layer;

    private BenchData.Opened data;
    private UpdateCycle updates;
    private long created;

    @Setup(Level.Trial)
    public void open() {
        data = BenchData.open(layer, BenchData.LARGE);
        updates = UpdateCycle.over(data.ws(), data.taskIds());
    }

    @TearDown(Level.Trial)
    public void close() {
        data.close();
    }

    /** Issue 2: create a root task (validation, insert, audit). */
    @Benchmark
    public WorkItem create() {
        return data.ws().workItems().create(BenchData.newTask("Benchmark task " + created++));
    }

    /** Issues 2, 5, 6: versioned update of one of 2 000 tasks, round robin. */
    @Benchmark
    public WorkItem versionedUpdate() {
        return updates.update(data.ws(), "Updated ");
    }

    /** Issue 3: record a deployment with 5 links (3 vendors, 2 work items). */
    @Benchmark
    public Deployment recordDeploymentWith5Links() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        List<String> vendors = data.vendorIds();
        int v = r.nextInt(vendors.size() - 3);
        List<String> tasks = updates.ids();
        int t = r.nextInt(tasks.size() - 2);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("pr_number", 10_000L + r.nextInt(1_000_000));
        meta.put("pr_title", "Benchmark release");
        meta.put("commit_hash", String.format("%016x%016x%08x", r.nextLong(), r.nextLong(), r.nextInt()));
        meta.put("test_summary", Map.of("unit", 120L, "integration", 30L));
        meta.put("constitutional_compliance", true);
        return data.ws().deployments().record(new NewDeployment(Instant.now().toString(), meta,
                List.of(vendors.get(v), vendors.get(v + 1), vendors.get(v + 2)),
                List.of(tasks.get(t), tasks.get(t + 1)), "bench"));
    }
}
