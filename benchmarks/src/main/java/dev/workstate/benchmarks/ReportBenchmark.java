package dev.workstate.benchmarks;

import dev.workstate.service.StatusReportResult;
import dev.workstate.testkit.ScenarioDataset;
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
 * Latency of the markdown status report (issue 3) at 45 vendors / 1 200 items / 50 deployments ({@code small}) and
 * 450 / 12 000 / 500 ({@code large}), rendered in memory (no file written), at the dataset's fixed report time.
 *
 * <p>One thread; each trial reads a private copy of the dataset.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ReportBenchmark {
    @Param({"small", "large"})
    public String size;

    @Param({"sqlite"})
    public String layer;

    private BenchData.Opened data;

    @Setup(Level.Trial)
    public void open() {
        data = BenchData.open(layer, "small".equals(size) ? BenchData.SMALL : BenchData.LARGE);
    }

    @TearDown(Level.Trial)
    public void close() {
        data.close();
    }

    @Benchmark
    public StatusReportResult statusReport() {
        return data.ws().reports().generate("markdown", ScenarioDataset.REPORT_AT.toString(), null);
    }
}
