package dev.workstate.benchmarks;

import dev.workstate.Workstate;
import dev.workstate.model.WorkItem;
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
 * Cost of calls made while PostgreSQL is down (issue 7): a {@code postgres → sqlite} chain whose PostgreSQL is behind
 * a {@link dev.workstate.testkit.TcpProxy} that has been cut (the first failing call is made in setup, so only the
 * later calls are measured) against a plain SQLite store with the same 500 items. Measures a point read and a
 * versioned update (which the chain also queues in SQLite's outbox).
 *
 * <p>One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ChainOutageBenchmark {
    static final int ITEMS = 500;

    @Param({"sqlite", "chain-postgres-down"})
    public String setup;

    private AutoCloseable resource;
    private Workstate ws;
    private UpdateCycle updates;

    @Setup(Level.Trial)
    public void open() {
        BenchData.ChainOpened chain = null;
        if ("sqlite".equals(setup)) {
            BenchData.Opened data = BenchData.openEmpty("sqlite", null);
            resource = data;
            ws = data.ws();
        } else {
            chain = BenchData.chain(true);
            resource = chain;
            ws = chain.ws();
        }
        updates = UpdateCycle.createTasks(ws, ITEMS, "Outage item ");
        if (chain != null) {
            chain.proxy().proxy().cut();
            ws.workItems().get(updates.ids().get(0)); // the first call after the cut pays for discovering the outage
            if (!"sqlite".equals(chain.chain().servedBy().layer())) {
                throw new IllegalStateException("expected SQLite to serve during the outage");
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        resource.close();
    }

    @Benchmark
    public WorkItem pointRead() {
        return ws.workItems().get(updates.ids().get(ThreadLocalRandom.current().nextInt(ITEMS)));
    }

    @Benchmark
    public WorkItem versionedUpdate() {
        return updates.update(ws, "Outage ");
    }
}
