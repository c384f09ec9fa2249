package dev.workstate.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * Migration of the quickstart's legacy {@code .project_status.md} (45 vendors, 12 deployments, 8 work items, 25
 * sessions; the hand-written variant from testkit) into an empty store of each layer, in process (issue 6): parse,
 * validate, write in one transaction, five reconciliation checks. Every invocation starts from a new empty store
 * (SQLite file / Markdown directory) or an emptied schema (PostgreSQL); that reset is not timed.
 *
 * <p>One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class MigrationBenchmark {
    private static final String FIXTURE = "/dev/workstate/testkit/legacy/quickstart-45-hand-written.md";

    @Param({"sqlite", "postgres", "markdown"})
    public String layer;

    private Path legacy;
    private Path legacyDir;
    private BenchData.Opened data;

    @Setup(Level.Trial)
    public void fixture() {
        legacyDir = BenchData.freshDir("legacy");
        legacy = legacyDir.resolve(".project_status.md");
        try (InputStream in = MigrationBenchmark.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + FIXTURE + " is not on the classpath");
            }
            Files.copy(in, legacy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if ("postgres".equals(layer)) {
            data = BenchData.openEmpty(layer, null);
        }
    }

    @Setup(Level.Invocation)
    public void emptyStore() {
        if ("postgres".equals(layer)) {
            dev.workstate.testkit.PgTestDatabase.get().truncate(data.pgSchema());
        } else {
            data = BenchData.openEmpty(layer, null);
        }
    }

    @TearDown(Level.Invocation)
    public void closeStore() {
        if (!"postgres".equals(layer)) {
            data.close();
        }
    }

    @TearDown(Level.Trial)
    public void cleanUp() {
        if ("postgres".equals(layer)) {
            data.close();
        }
        BenchData.deleteTree(legacyDir);
    }

    @Benchmark
    public Map<String, Object> migrateQuickstart45() {
        Map<String, Object> report = data.ws().migration().migrate(legacy.toString(), false, true);
        if (!Boolean.TRUE.equals(report.get("success"))) {
            throw new IllegalStateException("migration failed: " + report.get("errors"));
        }
        return report;
    }
}
