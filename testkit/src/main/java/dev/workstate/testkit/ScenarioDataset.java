package dev.workstate.testkit;

import dev.workstate.Workstate;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.NewDeployment;
import dev.workstate.service.NewWorkItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A deterministic dataset for the status report (reference scenario 8) that benchmarks reuse at bigger sizes: vendors
 * (every 3rd broken), a project / session / task hierarchy, deployments spread over days (75 % compliant, 3-5 vendors
 * and 2-4 work items each) and a few enhancements. Everything is derived from a fixed seed and a fixed clock, so the
 * same sizes always give the same records (apart from generated ids) and the same report.
 *
 * <p>Scenario 8: 45 vendors (30 operational / 15 broken), 50 items (10 projects at depth 0, 20 sessions at depth 1, 20
 * tasks at depth 2), 20 deployments over 20 days.
 *
 * <p>Immutable and thread-safe; {@link #populate} writes through the given {@link Workstate}.
 *
 * @param vendors number of vendors
 * @param projects root projects (depth 0)
 * @param sessions sessions (depth 1), spread round-robin over the projects
 * @param tasks tasks (depth 2), spread round-robin over the sessions
 * @param deployments deployments, one per {@code deploymentSpacing}, the newest at {@code START + 30 days}
 * @param enhancements enhancements (every 5th completed)
 * @param seed seed of the generator of hashes, counts and links
 */
public record ScenarioDataset(int vendors, int projects, int sessions, int tasks, int deployments, int enhancements,
                              long seed) {
    /** The clock starts here; every write advances it by one minute. */
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /** The fixed report timestamp used with this dataset. */
    public static final Instant REPORT_AT = Instant.parse("2025-03-01T12:00:00Z");
    public static final long DEFAULT_SEED = 20_250_101L;
    public static final String ACTOR = "dataset";
    private static final int BATCH = 500;

    /** Reference scenario 8: 45 vendors, 10/20/20 items, 20 deployments, 5 enhancements. */
    public static ScenarioDataset scenario8() {
        return new ScenarioDataset(45, 10, 20, 20, 20, 5, DEFAULT_SEED);
    }

    /**
     * A dataset of {@code vendors} vendors, {@code items} work items (20 % projects, 40 % sessions, 40 % tasks) and
     * {@code deployments} deployments, e.g. 45 / 1 200 / 50 or 450 / 12 000 / 500 for the performance table.
     */
    public static ScenarioDataset sized(int vendors, int items, int deployments) {
        int projects = Math.max(1, items / 5);
        int sessions = (items - projects) / 2;
        int tasks = items - projects - sessions;
        return new ScenarioDataset(vendors, projects, sessions, tasks, deployments, 10, DEFAULT_SEED);
    }

    public int items() {
        return projects + sessions + tasks;
    }

    /** What {@link #populate} created, in creation order. */
    public record Created(List<Vendor> vendors, List<WorkItem> items, List<Deployment> deployments,
                          List<Enhancement> enhancements) {
    }

    /**
     * Writes the dataset through {@code ws}'s services. {@code clock} must be the clock {@code ws} was built with; it
     * is set to {@link #START} and advanced one minute per record. The store should be empty.
     */
    public Created populate(Workstate ws, MutableClock clock) {
        clock.set(START);
        Random random = new Random(seed);
        List<Vendor> createdVendors = new ArrayList<>();
        batched(ws, vendors, i -> {
            createdVendors.add(vendor(ws, clock, i + 1));
        });

        List<WorkItem> items = new ArrayList<>();
        List<WorkItem> projectItems = new ArrayList<>();
        List<WorkItem> sessionItems = new ArrayList<>();
        batched(ws, projects, i -> {
            int n = i + 1;
            NewWorkItem req = new NewWorkItem("project", String.format("Project %03d", n), null,
                    Map.of("description", "Feature " + n + " of the dataset", "target_quarter",
                            "2025-Q" + (1 + i % 4)), null, null, String.format("feature/%03d-project", n), null,
                    null, ACTOR);
            WorkItem w = tick(clock, () -> ws.workItems().create(req));
            projectItems.add(w);
            items.add(w);
        });
        batched(ws, sessions, i -> {
            WorkItem parent = projectItems.get(i % projectItems.size());
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("token_budget", 200_000L);
            meta.put("prompts_count", (long) (i % 7));
            meta.put("yaml_frontmatter", Map.of("schema_version", "1.0"));
            NewWorkItem req = new NewWorkItem("session", String.format("Session %03d", i + 1), null, meta,
                    parent.id().toString(), null, null, null, null, ACTOR);
            WorkItem w = tick(clock, () -> ws.workItems().create(req));
            sessionItems.add(w);
            items.add(w);
        });
        batched(ws, tasks, i -> {
            WorkItem parent = sessionItems.isEmpty() ? null : sessionItems.get(i % sessionItems.size());
            NewWorkItem req = new NewWorkItem("task", String.format("Task %03d", i + 1), null,
                    Map.of("estimated_hours", (long) (1 + i % 8)), parent == null ? null : parent.id().toString(),
                    i % 6 == 5 ? "blocked" : null, i % 4 == 0 ? String.format("task/%03d", i + 1) : null, null, null,
                    ACTOR);
            items.add(tick(clock, () -> ws.workItems().create(req)));
        });

        List<Deployment> createdDeployments = new ArrayList<>();
        Duration spacing = Duration.ofDays(1);
        Instant newest = START.plus(Duration.ofDays(30));
        batched(ws, deployments, i -> {
            Instant deployedAt = newest.minus(spacing.multipliedBy(deployments - 1 - i)).plusSeconds(3_600L * (i % 9));
            String hash = hash(random);
            Map<String, Object> tests = new LinkedHashMap<>();
            tests.put("unit", 100L + random.nextInt(100));
            tests.put("integration", (long) random.nextInt(50));
            if (i % 3 == 0) {
                tests.put("contract", (long) random.nextInt(20));
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("pr_number", 100L + i);
            meta.put("pr_title", "Release " + (i + 1) + ": vendor and tracking updates");
            meta.put("commit_hash", hash);
            meta.put("test_summary", tests);
            meta.put("constitutional_compliance", i % 4 != 3);
            List<String> vendorIds = pick(random, createdVendors, 3 + random.nextInt(3)).stream()
                    .map(v -> v.id().toString()).toList();
            List<String> itemIds = pick(random, items, 2 + random.nextInt(3)).stream()
                    .map(w -> w.id().toString()).toList();
            NewDeployment req = new NewDeployment(deployedAt.toString(), meta, vendorIds, itemIds, ACTOR);
            createdDeployments.add(tick(clock, () -> ws.deployments().record(req)));
        });

        List<Enhancement> createdEnhancements = new ArrayList<>();
        batched(ws, enhancements, i -> {
            EnhancementSave req = new EnhancementSave(null, null, String.format("Enhancement %02d", i + 1),
                    "Planned improvement number " + (i + 1), 1 + (i * 2) % 5, i % 5 == 4 ? "completed"
                    : i % 2 == 0 ? "planned" : "approved", i % 3 == 2 ? null : "2026-Q" + (1 + i % 4),
                    List.of("Simplicity Over Features"), ACTOR);
            createdEnhancements.add(tick(clock, () -> ws.enhancements().save(req)));
        });
        return new Created(createdVendors, items, createdDeployments, createdEnhancements);
    }

    private static Vendor vendor(Workstate ws, MutableClock clock, int n) {
        long total = 10 + n % 20;
        long skipped = n % 3;
        long passing = total - skipped - n % 4;
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format_support", Map.of("excel", n % 2 == 1, "csv", n % 3 != 0, "pdf", n % 5 == 0, "ocr",
                n % 7 == 0));
        meta.put("test_results", Map.of("passing", passing, "total", total, "skipped", skipped));
        meta.put("extractor_version", "1." + (n % 4) + "." + (n % 10));
        meta.put("manifest_compliant", n % 2 == 0);
        String name = String.format("vendor_%03d", n);
        Vendor v = tick(clock, () -> ws.vendors().create(name, meta, ACTOR));
        if (n % 3 != 0) {
            v = tick(clock, () -> ws.vendors().update(name, 1L, "operational", null, ACTOR));
        }
        return v;
    }

    private static <T> T tick(MutableClock clock, Supplier<T> write) {
        T result = write.get();
        clock.advance(Duration.ofMinutes(1));
        return result;
    }

    /** Runs {@code count} writes in transactions of {@value #BATCH}, so large datasets load in seconds. */
    private static void batched(Workstate ws, int count, java.util.function.IntConsumer write) {
        for (int start = 0; start < count; start += BATCH) {
            int from = start;
            int to = Math.min(count, start + BATCH);
            ws.store().inTransaction(() -> {
                for (int i = from; i < to; i++) {
                    write.accept(i);
                }
                return null;
            });
        }
    }

    private static String hash(Random random) {
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    /** {@code n} distinct elements (fewer if the list is shorter), chosen by {@code random}, in list order. */
    private static <T> List<T> pick(Random random, List<T> from, int n) {
        int size = from.size();
        if (size <= n) {
            return List.copyOf(from);
        }
        java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
        while (chosen.size() < n) {
            chosen.add(random.nextInt(size));
        }
        return chosen.stream().map(from::get).toList();
    }
}
