package dev.workstate.benchmarks;

import dev.workstate.model.WorkItem;
import dev.workstate.service.SyncReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-shot outage and recovery times of a {@code postgres → sqlite} chain with PostgreSQL behind a cuttable
 * {@link dev.workstate.testkit.TcpProxy} (issue 7): the first call after PostgreSQL's connections die (it discovers the
 * outage and is served by SQLite), and the replay of 1 000 queued outbox entries (500 creates with their audit events)
 * into PostgreSQL by {@code sync()}. Each iteration prepares its own state outside the timed call.
 *
 * <p>One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ChainRecoveryBenchmark {
    static final int QUEUED_CREATES = 500;

    private BenchData.ChainOpened chain;
    private String known;

    @Setup(Level.Trial)
    public void open() {
        chain = BenchData.chain(true);
        known = chain.ws().workItems().create(BenchData.newTask("known")).id().toString();
    }

    @TearDown(Level.Trial)
    public void close() {
        chain.close();
    }

    /** PostgreSQL up and serving again, outboxes empty, pool warm. */
    private void healthy() {
        chain.proxy().proxy().restore();
        SyncReport report = chain.chain().sync();
        if (report.remaining() != 0) {
            throw new IllegalStateException("outbox not empty after sync: " + report);
        }
        chain.ws().workItems().get(known);
        if (!"postgres".equals(chain.chain().servedBy().layer())) {
            throw new IllegalStateException("PostgreSQL did not come back: " + chain.chain().servedBy());
        }
    }

    /** State for {@link #firstCallAfterPostgresDies}: healthy, then PostgreSQL's connections cut. */
    @State(Scope.Benchmark)
    public static class Cut {
        @Setup(Level.Iteration)
        public void cut(ChainRecoveryBenchmark b) {
            b.healthy();
            b.chain.proxy().proxy().cut();
        }
    }

    /** State for {@link #replay1000QueuedWrites}: 1 000 entries queued in SQLite's outbox, PostgreSQL back. */
    @State(Scope.Benchmark)
    public static class Queued {
        @Setup(Level.Iteration)
        public void queue(ChainRecoveryBenchmark b) {
            b.healthy();
            b.chain.proxy().proxy().cut();
            for (int i = 0; i < QUEUED_CREATES; i++) {
                b.chain.ws().workItems().create(BenchData.newTask("queued " + i));
            }
            long queued = b.chain.sqlite().outbox().size();
            if (queued != 2L * QUEUED_CREATES) {
                throw new IllegalStateException("expected " + 2 * QUEUED_CREATES + " queued entries, got " + queued);
            }
            b.chain.proxy().proxy().restore();
        }
    }

    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 10)
    public WorkItem firstCallAfterPostgresDies(Cut cut) {
        WorkItem w = chain.ws().workItems().get(known);
        if (!"sqlite".equals(chain.chain().servedBy().layer())) {
            throw new IllegalStateException("expected SQLite to serve: " + chain.chain().servedBy());
        }
        return w;
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public SyncReport replay1000QueuedWrites(Queued queued) {
        SyncReport report = chain.chain().sync();
        if (report.replayed() != 2 * QUEUED_CREATES || report.remaining() != 0) {
            throw new IllegalStateException("replay incomplete: " + report);
        }
        return report;
    }
}
