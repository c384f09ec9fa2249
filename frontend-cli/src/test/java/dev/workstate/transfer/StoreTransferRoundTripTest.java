package dev.workstate.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.ValidationException;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.StoreFactory;
import dev.workstate.migration.StoreSnapshot;
import dev.workstate.migration.StoreTransfer;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import dev.workstate.service.ConfigurationUpdate;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.NewDeployment;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export/import round trips between layers: sqlite → markdown directory → sqlite and sqlite → JSON dump → sqlite give
 * stores whose every read port (work items with deleted/archived/claimed ones, dependencies, vendors, deployments with
 * links, enhancements, configuration) and audit log are identical, for random store contents built through the
 * services (QuickTheories drives the operation lists). Also merge, dry run and the import safety checks.
 */
class StoreTransferRoundTripTest {
    private static final String[] TEXTS = {"plain title", "---\nfront: matter\n---", "key: value # not a comment",
        "quotes \" ' ` and \\ backslash", "ünïcødé 漢字 🙂", "# looks like a heading", "- [ ] task list", "{a: [1, 2]}",
        "line\r\nbreaks\ttabs", "null", "true", "123", "&anchor *alias !tag", "%YAML 1.2"};
    private static final AtomicLong DIRS = new AtomicLong();
    private static final AtomicLong LARGEST = new AtomicLong();

    @TempDir
    Path tmp;

    private final StoreTransfer transfer = new StoreTransfer();

    private Path dir(String name) {
        return tmp.resolve(name + "-" + DIRS.incrementAndGet());
    }

    private static Store sqlite(Path dir) {
        return StoreFactory.providers().get("sqlite").open(WorkstateConfig.forDirectory(dir));
    }

    @Test
    void sqliteToMarkdownToSqliteAndSqliteToJsonToSqliteAreLossless() {
        qt().withExamples(10).withShrinkCycles(3)
                .forAll(lists().of(integers().between(0, 12)).ofSizeBetween(0, 60), longs().all())
                .checkAssert((ops, seed) -> {
                    Path a = dir("a");
                    MutableClock clock = MutableClock.startingNow();
                    try (Workstate ws = Workstate.over(sqlite(a), WorkstateConfig.forDirectory(a), clock)) {
                        populate(ws, clock, ops, new Random(seed));
                        StoreSnapshot source = transfer.read(ws.store(), null);
                        LARGEST.accumulateAndGet(source.size(), Math::max);

                        Path md = dir("md");
                        transfer.exportMarkdown(ws.store(), md, null);
                        assertThat(StoreTransfer.detectFormat(md)).isEqualTo("markdown");
                        assertRoundTrip(source, transfer.readMarkdown(md, null));

                        Path json = dir("json");
                        transfer.exportJson(ws.store(), json, null);
                        assertThat(StoreTransfer.detectFormat(json)).isEqualTo("json");
                        assertRoundTrip(source, transfer.readJson(json));
                    }
                });
        // the generated histories are not all trivially empty
        assertThat(LARGEST.get()).isGreaterThan(10);
    }

    private void assertRoundTrip(StoreSnapshot source, StoreSnapshot dump) {
        assertThat(dump).isEqualTo(source);
        Path b = dir("b");
        try (Store target = sqlite(b)) {
            Map<String, Object> report = transfer.write(dump, target, StoreTransfer.Options.defaults());
            assertThat((List<?>) report.get("conflicts")).isEmpty();
            StoreSnapshot copy = transfer.read(target, null);
            assertThat(copy.workItems()).isEqualTo(source.workItems());
            assertThat(copy.dependencies()).isEqualTo(source.dependencies());
            assertThat(copy.vendors()).isEqualTo(source.vendors());
            assertThat(copy.deployments()).isEqualTo(source.deployments());
            assertThat(copy.enhancements()).isEqualTo(source.enhancements());
            assertThat(copy.configuration()).isEqualTo(source.configuration());
            assertThat(copy.audit()).isEqualTo(source.audit());
            assertThat(target.audit().count()).isEqualTo(source.audit().size());
        }
    }

    /** Random but valid history through the services; failures of individual operations are part of the game. */
    private static void populate(Workstate ws, MutableClock clock, List<Integer> ops, Random r) {
        List<WorkItem> items = new ArrayList<>();
        List<Vendor> vendors = new ArrayList<>();
        String by = "client-" + r.nextInt(3);
        for (int op : ops) {
            clock.advance(Duration.ofMillis(1 + r.nextInt(5000)));
            try {
                switch (op) {
                    case 0 -> items.add(ws.workItems().create(new NewWorkItem("project", text(r), text(r),
                            Map.of("description", text(r), "target_quarter", "2026-Q" + (1 + r.nextInt(4))), null,
                            null, "feature/" + r.nextInt(100), null, null, by)));
                    case 1 -> items.add(ws.workItems().create(new NewWorkItem("session", text(r), null,
                            Map.of("token_budget", 1000L + r.nextInt(100000), "prompts_count", (long) r.nextInt(9),
                                    "yaml_frontmatter", Map.of("schema_version", "1.0", "mode", text(r))),
                            parent(items, r), null, null, null, null, by)));
                    case 2 -> items.add(ws.workItems().create(new NewWorkItem(r.nextBoolean() ? "task" : "research",
                            text(r), r.nextBoolean() ? null : text(r), Map.of(), parent(items, r),
                            r.nextBoolean() ? "active" : "blocked", null, hex(r), 1 + r.nextInt(500), by)));
                    case 3 -> {
                        WorkItem w = pick(items, r);
                        if (w != null) {
                            WorkItem cur = ws.workItems().get(w.id().toString());
                            ws.workItems().update(WorkItemUpdate.builder(cur.id().toString(), cur.version())
                                    .title(text(r)).status(r.nextBoolean() ? "completed" : "active").updatedBy(by)
                                    .build());
                        }
                    }
                    case 4 -> {
                        WorkItem w = pick(items, r);
                        if (w != null) {
                            WorkItem cur = ws.workItems().get(w.id().toString());
                            ws.workItems().update(WorkItemUpdate.builder(cur.id().toString(), cur.version())
                                    .deletedAt("NOW()").updatedBy(by).build());
                        }
                    }
                    case 5 -> {
                        WorkItem w = pick(items, r);
                        if (w != null) {
                            ws.workItems().claim(w.id().toString(), "agent-" + r.nextInt(3), "claim",
                                    1 + r.nextInt(600));
                        }
                    }
                    case 6 -> {
                        WorkItem x = pick(items, r);
                        WorkItem y = pick(items, r);
                        if (x != null && y != null) {
                            ws.workItems().link(x.id().toString(), y.id().toString(),
                                    r.nextBoolean() ? "blocks" : "depends_on", by, false);
                        }
                    }
                    case 7 -> {
                        Map<String, Object> meta = new LinkedHashMap<>();
                        meta.put("format_support", Map.of("excel", r.nextBoolean(), "pdf", r.nextBoolean()));
                        meta.put("test_results", Map.of("passing", 3L, "total", 5L, "skipped", 1L));
                        meta.put("extractor_version", "1." + r.nextInt(9) + ".0");
                        Vendor v = ws.vendors().create("vendor " + r.nextInt(1_000_000), meta, by);
                        if (r.nextBoolean()) {
                            v = ws.vendors().update(v.name(), v.version(), "operational", null, by);
                        }
                        vendors.add(v);
                    }
                    case 8 -> {
                        List<String> vids = new ArrayList<>();
                        Vendor v = pick(vendors, r);
                        if (v != null) {
                            vids.add(v.id().toString());
                        }
                        List<String> wids = new ArrayList<>();
                        WorkItem w = pick(items, r);
                        if (w != null) {
                            wids.add(w.id().toString());
                        }
                        String commit = hex(r);
                        ws.deployments().record(new NewDeployment(clock.instant().minusSeconds(r.nextInt(99999))
                                .toString(), Map.of("pr_number", 1L + r.nextInt(900), "pr_title", text(r),
                                "commit_hash", commit, "test_summary", Map.of("unit", (long) r.nextInt(300)),
                                "constitutional_compliance", r.nextBoolean()), vids, wids, by));
                    }
                    case 9 -> ws.enhancements().save(new EnhancementSave(null, null, text(r), text(r),
                            1 + r.nextInt(5), r.nextBoolean() ? "planned" : "approved",
                            r.nextBoolean() ? null : "2027-Q" + (1 + r.nextInt(4)), List.of(text(r)), by));
                    case 10 -> {
                        WorkItem s = items.stream().filter(i -> i.itemType().wire().equals("session")).findFirst()
                                .orElse(null);
                        long version = ws.configuration().get().version();
                        ws.configuration().update(new ConfigurationUpdate(Optional.of("maintenance"),
                                Optional.ofNullable(s == null ? null : s.id().toString()),
                                Optional.of("main"), Optional.of(hex(r)), Optional.of(1000 + r.nextInt(5000)),
                                version, by));
                    }
                    case 11 -> {
                        clock.advance(Duration.ofDays(400));
                        ws.workItems().archive(365, by);
                    }
                    default -> {
                        WorkItem w = pick(items, r);
                        if (w != null) {
                            ws.workItems().claim(w.id().toString(), "agent-0", "release", null);
                        }
                    }
                }
            } catch (WorkstateException expected) {
                // cycles, conflicts, depth limits, unclaimed releases: the data stays whatever the services allowed
            }
        }
    }

    private static String parent(List<WorkItem> items, Random r) {
        WorkItem p = r.nextInt(3) == 0 ? null : pick(items, r);
        return p == null ? null : p.id().toString();
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.isEmpty() ? null : list.get(r.nextInt(list.size()));
    }

    private static String text(Random r) {
        return TEXTS[r.nextInt(TEXTS.length)] + " " + r.nextInt(1000);
    }

    private static String hex(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ merge, dry run, safety

    private Workstate populated(Path d, long seed) {
        MutableClock clock = MutableClock.startingNow();
        Workstate ws = Workstate.over(sqlite(d), WorkstateConfig.forDirectory(d), clock);
        List<Integer> ops = new ArrayList<>();
        Random r = new Random(seed);
        for (int i = 0; i < 40; i++) {
            ops.add(r.nextInt(11));
        }
        populate(ws, clock, ops, new Random(seed));
        return ws;
    }

    @Test
    void importRefusesANonEmptyStoreButMergesIdenticalDataAndReportsConflicts() {
        try (Workstate src = populated(dir("src"), 42); Store target = sqlite(dir("tgt"))) {
            Path json = dir("json");
            transfer.exportJson(src.store(), json, null);
            StoreSnapshot dump = transfer.readJson(json);
            transfer.write(dump, target, StoreTransfer.Options.defaults());

            assertThatThrownBy(() -> transfer.write(dump, target, StoreTransfer.Options.defaults()))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("not empty");

            Map<String, Object> same = transfer.write(dump, target, new StoreTransfer.Options(true, false, null));
            assertThat((List<?>) same.get("conflicts")).isEmpty();
            assertThat((Map<String, Object>) same.get("imported")).allSatisfy((k, v) -> assertThat(v).isEqualTo(0L));

            // change one vendor in the target: a merge reports it and keeps the target's version
            Vendor v = target.vendors().list(null, 1, 0).items().stream().findFirst().orElse(null);
            if (v != null) {
                Vendor changed = new Vendor(v.id(), v.version() + 1, v.name(), v.status(), v.extractorVersion(),
                        v.metadata(), v.createdAt(), v.updatedAt().plusMillis(1), v.createdBy(), "someone-else");
                target.inTransaction(() -> target.apply(new Mutation.UpdateVendor(changed, v.version())));
                Map<String, Object> merged = transfer.write(dump, target, new StoreTransfer.Options(true, false, null));
                assertThat((List<Map<String, Object>>) merged.get("conflicts"))
                        .anySatisfy(c -> assertThat(c).containsEntry("entity_type", "vendor")
                                .containsEntry("id", v.id().toString()));
                assertThat(target.vendors().get(v.id())).contains(changed);
            }
        }
    }

    @Test
    void dryRunImportWritesNothing() {
        try (Workstate src = populated(dir("src"), 7); Store target = sqlite(dir("tgt"))) {
            Path md = dir("md");
            transfer.exportMarkdown(src.store(), md, null);
            StoreSnapshot dump = transfer.readMarkdown(md, null);
            Map<String, Object> report = transfer.write(dump, target, new StoreTransfer.Options(false, true, null));
            assertThat(report).containsEntry("dry_run", true);
            assertThat(StoreTransfer.isEmpty(target)).isTrue();
            assertThat(target.audit().count()).isZero();
        }
    }

    @Test
    void importRefusesSymlinksUnknownDirectoriesAndNonEmptyExportTargets() throws IOException {
        try (Workstate src = populated(dir("src"), 3)) {
            Path json = dir("json");
            transfer.exportJson(src.store(), json, null);
            Path outside = tmp.resolve("outside.json");
            Files.writeString(outside, "[]");
            Files.delete(json.resolve("vendors.json"));
            Files.createSymbolicLink(json.resolve("vendors.json"), outside);
            assertThatThrownBy(() -> transfer.readJson(json)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("symbolic link");

            Path linkDir = tmp.resolve("link-dir");
            Files.createSymbolicLink(linkDir, json);
            assertThatThrownBy(() -> StoreTransfer.detectFormat(linkDir)).isInstanceOf(ValidationException.class);

            Path empty = Files.createDirectory(dir("empty"));
            assertThatThrownBy(() -> StoreTransfer.detectFormat(empty)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("neither");

            assertThatThrownBy(() -> transfer.exportJson(src.store(), json, null))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("empty");
        }
    }
}
