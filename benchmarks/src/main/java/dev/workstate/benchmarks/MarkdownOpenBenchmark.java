package dev.workstate.benchmarks;

import dev.workstate.WorkstateConfig;
import dev.workstate.internal.StoreFactory;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
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
 * Single-shot time to open the Markdown store directory of the standard dataset (issue 6: 12 000 work items, 450
 * vendors, 500 deployments, enhancements, configuration and ~13 500 audit events), read one work item (so nothing a
 * lazy open defers for the first read escapes the timing) and close it. The directory is copied once per trial from
 * the master built by {@link BenchData}; opening it writes nothing, so every invocation sees the same files (warm in
 * the page cache after the first). Default settings, fsync on, as a CLI or MCP process opens it.
 *
 * <p>With warm-up this measures a warm JVM; {@code -wi 0 -i 1 -f 5} gives the cold-JVM open of a one-shot process.
 * One thread.
 *
 * <p>{@code cache}: {@code present} is a directory some earlier process has opened (the usual case: the store keeps
 * a parse cache, {@code .records.cache}, next to the files; it is written here by a separate JVM after the copy, so
 * this JVM stays cold); {@code absent} is the first open after a fresh clone (no cache: every file is parsed, and the
 * cache written meanwhile is waited for by close, inside the timing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class MarkdownOpenBenchmark {
    @Param({"present", "absent"})
    public String cache;

    private Path dataDir;
    private WorkstateConfig config;
    private UUID known;

    @Setup(Level.Trial)
    public void copy() {
        Path master = BenchData.masterMarkdown(BenchData.LARGE);
        dataDir = BenchData.freshDir("markdown-open");
        BenchData.copyTree(master, dataDir.resolve("markdown"));
        config = WorkstateConfig.builder().dataDir(dataDir).storageOrder(List.of("markdown")).build();
        try {
            Files.deleteIfExists(dataDir.resolve("markdown").resolve(".records.cache"));
            if (cache.equals("present")) {
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), Prime.class.getName(), dataDir.toString())
                        .inheritIO().start();
                if (p.waitFor() != 0 || !Files.exists(dataDir.resolve("markdown").resolve(".records.cache"))) {
                    throw new IllegalStateException("the parse cache was not written");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Properties ids = new Properties();
        try (InputStream in = Files.newInputStream(master.getParent().getParent().resolve("ids.properties"))) {
            ids.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String chain = ids.getProperty("chains").split(";")[0];
        known = UUID.fromString(chain.split(",")[3]);
    }

    @TearDown(Level.Trial)
    public void delete() {
        BenchData.deleteTree(dataDir);
    }

    /**
     * A command-line helper that opens and closes the store in the data directory {@code args[0]}, run in a separate JVM
     * so that the store leaves its parse cache without warming up the benchmark's JVM. Not thread-safe (a main).
     */
    public static final class Prime {
        private Prime() {
        }

        public static void main(String[] args) {
            WorkstateConfig c = WorkstateConfig.builder().dataDir(Path.of(args[0]))
                    .storageOrder(List.of("markdown")).build();
            StoreFactory.providers().get("markdown").open(c).close();
        }
    }

    /** Open the 12 000-item directory, read one work item, close. */
    @Benchmark
    public WorkItem openReadClose() {
        try (Store store = StoreFactory.providers().get("markdown").open(config)) {
            return store.workItems().get(known).orElseThrow();
        }
    }

    /**
     * The same in a JVM started with the JIT and GC flags of {@code bin/workstate} (and, for the JIT, of
     * {@code bin/workstate-mcp}): C1 only with one compiler thread, the serial collector with a small young generation
     * that promotes what survives. These are the flags every Workstate process started by its launchers runs with, so
     * this is the product's cold open; {@link #openReadClose} keeps JMH's default JVM (tiered C2, G1) for comparison.
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
        "-XX:+UseSerialGC", "-Xmn32m", "-XX:MaxTenuringThreshold=0"})
    public WorkItem openReadCloseLauncherFlags() {
        return openReadClose();
    }
}
