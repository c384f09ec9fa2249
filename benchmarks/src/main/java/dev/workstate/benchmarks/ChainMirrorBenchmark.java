package dev.workstate.benchmarks;

import dev.workstate.Workstate;
import dev.workstate.model.WorkItem;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * Overhead of write-through mirroring (issue 7): a versioned update on plain PostgreSQL against the same update
 * through a healthy {@code postgres → sqlite} chain, which after the PostgreSQL commit replays the transaction's own
 * mutations (the update and its audit event) into SQLite on the caller's thread. Both over 500 items, PostgreSQL
 * reached directly (no proxy). {@code -jvmArgsAppend -Dworkstate.bench.dir=/dev/shm/...} puts the SQLite file on
 * tmpfs, which separates the mirror's own cost from its disk traffic competing with PostgreSQL's commits.
 *
 * <p>One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ChainMirrorBenchmark {
    static final int ITEMS = 500;

    @Param({"postgres", "chain-postgres-sqlite"})
    public String setup;

    /** What each update changes: the title (re-indexed for search in both databases) or only the status. */
    @Param({"title", "status"})
    public String change;

    /**
     * Idle time before each update, outside the measured time: {@code 0} runs updates back to back; {@code 1000}
     * (µs) puts each after a pause, as the writes of an agent or a person come. On this VM the difference matters for
     * the comparison: back to back, a plain PostgreSQL update finds the server's backend still running from the last
     * one, while in the chain the mirror's ~0.2 ms lets it go idle, so the next update also pays its wake-up; after a
     * pause both configurations pay it, and what remains between them is the mirror's own cost.
     */
    @Param({"0", "1000"})
    public int idleMicros;

    private AutoCloseable resource;
    private Workstate ws;
    private UpdateCycle updates;

    @Setup(Level.Trial)
    public void open() {
        if ("postgres".equals(setup)) {
            BenchData.Opened data = BenchData.openEmpty("postgres", null);
            resource = data;
            ws = data.ws();
        } else {
            BenchData.ChainOpened chain = BenchData.chain(false);
            resource = chain;
            ws = chain.ws();
        }
        updates = UpdateCycle.createTasks(ws, ITEMS, "Mirrored item ");
    }

    @Setup(Level.Invocation)
    public void idle() {
        if (idleMicros > 0) {
            LockSupport.parkNanos(idleMicros * 1_000L);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        resource.close();
    }

    @Benchmark
    public WorkItem versionedUpdate() {
        return "status".equals(change) ? updates.updateStatus(ws) : updates.update(ws, "Mirror ");
    }
}
