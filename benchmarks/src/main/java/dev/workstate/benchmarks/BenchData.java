package dev.workstate.benchmarks;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.chain.ChainStore;
import dev.workstate.internal.StoreFactory;
import dev.workstate.migration.StoreTransfer;
import dev.workstate.model.ItemType;
import dev.workstate.model.WorkItem;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.port.Store;
import dev.workstate.service.NewWorkItem;
import dev.workstate.storage.postgres.PostgresStore;
import dev.workstate.storage.sqlite.SqliteStore;
import dev.workstate.testkit.MutableClock;
import dev.workstate.testkit.PgTestDatabase;
import dev.workstate.testkit.ScenarioDataset;
import dev.workstate.testkit.TcpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared dataset and store setup of every benchmark: builds the standard dataset once into a SQLite file under
 * {@code benchmarks/target/bench-data} (reused by later trials and runs while its counts match), copies it per trial
 * into a fresh SQLite file, a fresh PostgreSQL schema (embedded server, {@link StoreTransfer}) or a Markdown directory
 * (built once from the SQLite file, then copied), and opens a {@link Workstate} over it.
 *
 * <p>Standard dataset ({@link #LARGE}): {@code ScenarioDataset.sized(450, 11 500, 500)} (2 300 projects, 4 600 sessions,
 * 4 600 tasks, 450 vendors, 500 deployments) plus {@value #CHAINS} hierarchies 5 deep (depth 0-4, 5 items each), so
 * 12 000 work items in all.
 *
 * <p>Not thread-safe: used from JMH {@code @Setup}/{@code @TearDown}, which run on one thread.
 */
public final class BenchData {
    /** Number of 5-deep chains added to the dataset. */
    public static final int CHAINS = 100;
    /** Levels of each chain (depth 0..4). */
    public static final int CHAIN_LEVELS = 5;
    /** 450 vendors / 12 000 items / 500 deployments. */
    public static final Size LARGE = new Size("large", 450, 12_000 - CHAINS * CHAIN_LEVELS, 500, CHAINS);
    /** 45 vendors / 1 200 items / 50 deployments (the small status report). */
    public static final Size SMALL = new Size("small", 45, 1_200, 50, 0);

    private static final String SQLITE_FILE = "workstate.db";

    /** A dataset size: {@code chains} 5-deep chains come on top of the scenario's {@code items}. */
    public record Size(String name, int vendors, int items, int deployments, int chains) {
        int totalItems() {
            return items + chains * CHAIN_LEVELS;
        }
    }

    /**
     * An opened store over a copy of the dataset, with the ids benchmarks need.
     *
     * @param chainIds per chain, its item ids from the root (depth 0) down to depth 4
     */
    public record Opened(String layer, Workstate ws, Store store, Path dir, List<List<String>> chainIds,
                         List<String> taskIds, List<String> vendorIds, String pgSchema) implements AutoCloseable {
        @Override
        public void close() {
            ws.close();
            if (pgSchema != null) {
                PgTestDatabase.get().dropSchema(pgSchema);
            }
            deleteTree(dir);
        }
    }

    private BenchData() {
    }

    /** Root of the benchmark data: {@code -Dworkstate.bench.dir}, else {@code benchmarks/target/bench-data}. */
    public static Path root() {
        String configured = System.getProperty("workstate.bench.dir");
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path module = Paths.get("benchmarks", "target");
        Path base = Files.isDirectory(module) ? module : Paths.get("target");
        return base.resolve("bench-data").toAbsolutePath();
    }

    /** A new empty directory under {@link #root()} for one trial. */
    public static Path freshDir(String prefix) {
        try {
            Files.createDirectories(root());
            return Files.createTempDirectory(root(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code layer} ({@code sqlite}, {@code postgres} or {@code markdown}) over a private copy of {@code size}. */
    public static Opened open(String layer, Size size) {
        Path master = masterSqlite(size);
        Path dir = freshDir(layer);
        copy(master, dir.resolve(SQLITE_FILE));
        WorkstateConfig config = WorkstateConfig.builder().dataDir(dir).storageOrder(List.of(layer)).build();
        Store store;
        String schema = null;
        switch (layer) {
            case "sqlite" -> store = SqliteStore.open(dir.resolve(SQLITE_FILE), config);
            case "postgres" -> {
                PgTestDatabase db = PgTestDatabase.get();
                schema = db.freshSchema();
                config = db.config(dir, schema).toBuilder().poolSize(20).build();
                store = PostgresStore.open(config);
                try (Store source = SqliteStore.open(dir.resolve(SQLITE_FILE), config)) {
                    new StoreTransfer().copy(source, store, StoreTransfer.Options.defaults());
                }
            }
            case "markdown" -> {
                copyTree(masterMarkdown(size), dir.resolve("markdown"));
                config = config.toBuilder().storageOrder(List.of("markdown")).build();
                store = StoreFactory.providers().get("markdown").open(config);
            }
            default -> throw new IllegalArgumentException("unknown layer " + layer);
        }
        Workstate ws = Workstate.over(store, config, Clock.systemUTC());
        Properties ids = ids(master);
        return new Opened(layer, ws, store, dir, chains(ids), list(ids, "tasks"), list(ids, "vendors"), schema);
    }

    /** An empty store of {@code layer} in a fresh directory (PostgreSQL: a fresh schema, reached through {@code url}). */
    public static Opened openEmpty(String layer, String pgUrl) {
        Path dir = freshDir(layer + "-empty");
        WorkstateConfig config = WorkstateConfig.builder().dataDir(dir).storageOrder(List.of(layer)).build();
        Store store;
        String schema = null;
        switch (layer) {
            case "sqlite" -> store = SqliteStore.open(dir.resolve(SQLITE_FILE), config);
            case "postgres" -> {
                PgTestDatabase db = PgTestDatabase.get();
                schema = db.freshSchema();
                config = db.config(dir, schema).toBuilder().databaseUrl(pgUrl == null ? db.url() : pgUrl)
                        .connectTimeout(Duration.ofSeconds(1)).poolSize(20).build();
                store = PostgresStore.open(config);
            }
            case "markdown" -> store = StoreFactory.providers().get("markdown").open(config);
            default -> throw new IllegalArgumentException("unknown layer " + layer);
        }
        return new Opened(layer, Workstate.over(store, config, Clock.systemUTC()), store, dir, List.of(), List.of(),
                List.of(), schema);
    }

    /** A proxy in front of the embedded PostgreSQL that can cut it, and the JDBC URL that goes through it. */
    public record PgProxy(TcpProxy proxy, String url) implements AutoCloseable {
        @Override
        public void close() {
            proxy.close();
        }
    }

    /** Starts a {@link TcpProxy} in front of the benchmark PostgreSQL server. */
    public static PgProxy pgProxy() {
        String url = PgTestDatabase.get().url();
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
        if (!m.find()) {
            throw new IllegalStateException("unexpected PostgreSQL URL " + url);
        }
        TcpProxy proxy = TcpProxy.start(m.group(1), Integer.parseInt(m.group(2)));
        return new PgProxy(proxy, url.substring(0, m.start()) + "//127.0.0.1:" + proxy.port() + "/"
                + url.substring(m.end()));
    }

    /**
     * A PostgreSQL + SQLite chain over empty stores (fresh schema, fresh file), optionally with PostgreSQL reached
     * through a cuttable proxy; background probing is off so benchmarks decide when to {@code sync()}.
     */
    public record ChainOpened(ChainStore chain, Store pg, Store sqlite, Workstate ws, Path dir, String schema,
                              PgProxy proxy) implements AutoCloseable {
        @Override
        public void close() {
            ws.close();
            if (proxy != null) {
                proxy.close();
            }
            PgTestDatabase.get().dropSchema(schema);
            deleteTree(dir);
        }
    }

    /** Opens a {@code postgres → sqlite} chain over empty stores; see {@link ChainOpened}. */
    public static ChainOpened chain(boolean viaProxy) {
        PgTestDatabase db = PgTestDatabase.get();
        PgProxy proxy = viaProxy ? pgProxy() : null;
        Path dir = freshDir("chain");
        String schema = db.freshSchema();
        WorkstateConfig config = db.config(dir, schema).toBuilder()
                .databaseUrl(proxy == null ? db.url() : proxy.url())
                .connectTimeout(Duration.ofSeconds(1))
                .storageOrder(List.of("postgres", "sqlite"))
                .build();
        Store pg = PostgresStore.open(config);
        Store sqlite = SqliteStore.open(dir.resolve(SQLITE_FILE), config);
        // -Dworkstate.bench.foldDelayMs: how long the SQLite journal batches before a fold (the chain's default 200)
        ChainStore chain = ChainStore.builder().layer(pg).layer(sqlite).background(false)
                .foldDelay(Duration.ofMillis(Long.getLong("workstate.bench.foldDelayMs", 200))).build();
        return new ChainOpened(chain, pg, sqlite, Workstate.over(chain, config, Clock.systemUTC()), dir, schema,
                proxy);
    }

    /** A task request under no parent, for create benchmarks. */
    public static NewWorkItem newTask(String title) {
        return new NewWorkItem("task", title, null, Map.of("estimated_hours", 2L), null, null, null, null, null,
                "bench");
    }

    /** The master SQLite file of {@code size}, built on first use and reused while its counts match. */
    static synchronized Path masterSqlite(Size size) {
        Path dir = root().resolve("master-" + size.name());
        Path file = dir.resolve(SQLITE_FILE);
        Path idsFile = dir.resolve("ids.properties");
        if (Files.exists(file) && Files.exists(idsFile) && matches(file, size)) {
            return file;
        }
        deleteTree(dir);
        WorkstateConfig config = WorkstateConfig.forDirectory(dir);
        MutableClock clock = new MutableClock(ScenarioDataset.START);
        Store store = SqliteStore.open(file, config);
        try (Workstate ws = Workstate.over(store, config, clock)) {
            ScenarioDataset.Created created = ScenarioDataset.sized(size.vendors(), size.items(), size.deployments())
                    .populate(ws, clock);
            Properties ids = new Properties();
            List<String> chainLines = new ArrayList<>();
            store.inTransaction(() -> {
                for (int c = 0; c < size.chains(); c++) {
                    List<String> chain = new ArrayList<>();
                    String parent = null;
                    for (int level = 0; level < CHAIN_LEVELS; level++) {
                        String type = level == 0 ? "project" : level == 1 ? "session" : "task";
                        Map<String, Object> meta = level == 0 ? Map.of("description", "Deep chain " + c)
                                : level == 1 ? Map.of("token_budget", 200_000L, "prompts_count", 1L,
                                "yaml_frontmatter", Map.of("schema_version", "1.0"))
                                : Map.of("estimated_hours", 2L);
                        WorkItem w = ws.workItems().create(new NewWorkItem(type, "Chain " + c + " level " + level,
                                null, meta, parent, null, null, null, null, ScenarioDataset.ACTOR));
                        clock.advance(Duration.ofMinutes(1));
                        parent = w.id().toString();
                        chain.add(parent);
                    }
                    chainLines.add(String.join(",", chain));
                }
                return null;
            });
            ids.setProperty("chains", String.join(";", chainLines));
            ids.setProperty("tasks", String.join(",", created.items().stream()
                    .filter(w -> w.itemType() == ItemType.TASK).limit(2_000).map(w -> w.id().toString()).toList()));
            ids.setProperty("vendors", String.join(",", created.vendors().stream().map(v -> v.id().toString())
                    .toList()));
            try (OutputStream out = Files.newOutputStream(idsFile)) {
                ids.store(out, "ids of the benchmark dataset " + size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The master Markdown directory of {@code size}, copied once from the master SQLite file (fsync off). */
    static synchronized Path masterMarkdown(Size size) {
        Path sqlite = masterSqlite(size);
        Path dir = sqlite.getParent().resolve("markdown-master");
        Path done = dir.resolve("COMPLETE");
        if (Files.exists(done)) {
            return dir.resolve("markdown");
        }
        deleteTree(dir);
        WorkstateConfig config = WorkstateConfig.builder().dataDir(dir).storageOrder(List.of("markdown"))
                .extra("x.markdown.sync", "off").build();
        try (Store source = SqliteStore.open(sqlite, WorkstateConfig.forDirectory(sqlite.getParent()));
             Store target = StoreFactory.providers().get("markdown").open(config)) {
            new StoreTransfer().copy(source, target, StoreTransfer.Options.defaults());
        }
        try {
            Files.writeString(done, "ok\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("markdown");
    }

    private static boolean matches(Path file, Size size) {
        try (Store store = SqliteStore.open(file, WorkstateConfig.forDirectory(file.getParent()))) {
            return store.workItems().count() == size.totalItems()
                    && store.vendors().list(null, 1, 0).totalCount() == size.vendors()
                    && store.deployments().list(new DeploymentFilter(null, null, null, 1, 0)).totalCount()
                    == size.deployments();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Properties ids(Path master) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(master.getParent().resolve("ids.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static List<List<String>> chains(Properties ids) {
        String all = ids.getProperty("chains", "");
        List<List<String>> out = new ArrayList<>();
        for (String chain : all.split(";")) {
            if (!chain.isEmpty()) {
                out.add(List.of(chain.split(",")));
            }
        }
        return out;
    }

    private static List<String> list(Properties ids, String key) {
        String v = ids.getProperty(key, "");
        return v.isEmpty() ? List.of() : List.of(v.split(","));
    }

    /** A new random UUID string (for benchmark titles and hashes). */
    static String unique() {
        return UUID.randomUUID().toString();
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(d)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.copy(f, to.resolve(from.relativize(f)), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
