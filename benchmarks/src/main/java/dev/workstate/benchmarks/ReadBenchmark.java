package dev.workstate.benchmarks;

import dev.workstate.model.Page;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemView;
import java.util.List;
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
 * Read latency through the services on the 12 000-item dataset (issues 2, 3, 5, 6), per layer: the ancestors +
 * descendants query of a depth-2 item in a 5-deep hierarchy and of a chain root (5 levels), a filtered list of 50, the
 * ready view, full-text search, vendor lookup by name, and a point read of a work item by id.
 *
 * <p>Each trial reads a private copy of the dataset; JMH runs one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ReadBenchmark {
    @Param({"sqlite", "postgres", "markdown"})
    public String layer;

    private BenchData.Opened data;
    private List<List<String>> chains;
    private int vendors;

    @Setup(Level.Trial)
    public void open() {
        data = BenchData.open(layer, BenchData.LARGE);
        chains = data.chainIds();
        vendors = BenchData.LARGE.vendors();
    }

    @TearDown(Level.Trial)
    public void close() {
        data.close();
    }

    private List<String> chain() {
        return chains.get(ThreadLocalRandom.current().nextInt(chains.size()));
    }

    /** Issue 2: ancestors (2) and descendants (2 levels) of a depth-2 item. */
    @Benchmark
    public WorkItemView hierarchyOfDepth2Item() {
        return data.ws().workItems().query(chain().get(2), true, false, null, false);
    }

    /** Issue 5: the whole 5-level hierarchy below a chain root. */
    @Benchmark
    public WorkItemView hierarchyFromRoot5Levels() {
        return data.ws().workItems().query(chain().get(0), true, false, 5, false);
    }

    /** Issue 2: active tasks, first page of 50. */
    @Benchmark
    public Page<WorkItem> filteredList50() {
        return data.ws().workItems().list(new WorkItemQuery("task", "active", null, false, false, null, false, false,
                50, null, null));
    }

    /** Issue 2: the ready view (first page of 50). */
    @Benchmark
    public Page<WorkItem> readyView() {
        return data.ws().workItems().list(new WorkItemQuery(null, null, null, false, true, null, false, false, 50,
                null, "bench"));
    }

    /** Issue 2: full-text search for a title word and number, top 50. */
    @Benchmark
    public Page<WorkItem> fullTextSearch() {
        int n = 1 + ThreadLocalRandom.current().nextInt(999);
        return data.ws().workItems().list(new WorkItemQuery(null, null, null, false, false,
                "Session " + n, false, false, 50, null, null));
    }

    /** Issues 3 and 5: vendor lookup by name (case-insensitive). */
    @Benchmark
    public Vendor vendorByName() {
        return data.ws().vendors().get(String.format("VENDOR_%03d", 1 + ThreadLocalRandom.current().nextInt(vendors)));
    }

    /** Issue 6: point read of a work item by id after open. */
    @Benchmark
    public WorkItem pointRead() {
        return data.ws().workItems().get(chain().get(3));
    }
}
