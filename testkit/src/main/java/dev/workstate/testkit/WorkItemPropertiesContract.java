package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.workstate.error.ValidationException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.ItemType;
import dev.workstate.model.Metadata;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property-based contract (QuickTheories, fixed seeds so runs are repeatable): any valid work item survives a store
 * round-trip unchanged; any invalid input is rejected with VALIDATION_ERROR and leaves the store unchanged; N threads
 * updating one item never lose an update.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class WorkItemPropertiesContract extends WorkItemSupport {
    private static final long SEED = 0x5EED_2026L;

    /** Examples per property; adapters with slow writes may lower it. */
    protected int examples() {
        return 60;
    }

    // ------------------------------------------------------------------ generators

    /** Text without lone surrogates or control characters, optionally with astral symbols. */
    static Gen<String> text(int min, int max) {
        Gen<String> latin = strings().betweenCodePoints(0x20, 0x24F).ofLengthBetween(min, max);
        Gen<String> wide = strings().betweenCodePoints(0x20, 0x2FFF).ofLengthBetween(min, max);
        Gen<String> emoji = strings().betweenCodePoints(0x1F300, 0x1F3FF).ofLengthBetween(0, 3)
                .zip(latin, (e, l) -> truncate(l + e, max));
        return Generate.oneOf(latin, wide, emoji)
                .assuming(s -> s.length() >= min && s.length() <= max && wellFormed(s));
    }

    /** No unpaired surrogates: such text is invalid input (see the breakages), not a valid item. */
    static boolean wellFormed(String s) {
        return s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    private static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    static Gen<String> title() {
        return text(1, 200).assuming(s -> !s.isBlank());
    }

    static Gen<Optional<String>> maybe(Gen<String> g) {
        return g.toOptionals(40);
    }

    static Gen<Map<String, Object>> metadata(ItemType type) {
        return switch (type) {
            case PROJECT -> text(1, 1000).assuming(s -> !s.isBlank())
                    .zip(maybe(Generate.pick(List.of("2024-Q1", "2025-Q2", "2026-Q3", "2099-Q4"))),
                            lists().of(text(0, 40)).ofSizeBetween(0, 4).toOptionals(50),
                            (d, q, p) -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("description", d);
                                q.ifPresent(v -> m.put("target_quarter", v));
                                p.ifPresent(v -> m.put("constitutional_principles", v));
                                return m;
                            });
            case SESSION -> longs().between(1000, 1_000_000)
                    .zip(longs().between(0, Long.MAX_VALUE), text(0, 30), (b, c, mode) -> {
                        Map<String, Object> fm = new LinkedHashMap<>();
                        fm.put("schema_version", "1.0");
                        fm.put("mode", mode);
                        fm.put("nested", Map.of("flag", true, "n", 3L, "x", 0.25));
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("token_budget", b);
                        m.put("prompts_count", c);
                        m.put("yaml_frontmatter", fm);
                        return m;
                    });
            case TASK -> hours().toOptionals(40)
                    .zip(hours().toOptionals(40), maybe(text(0, 500)), (e, a, r) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        e.ifPresent(v -> m.put("estimated_hours", v));
                        a.ifPresent(v -> m.put("actual_hours", v));
                        r.ifPresent(v -> m.put("blocked_reason", v));
                        return m;
                    });
            case RESEARCH -> lists().of(text(0, 60)).ofSizeBetween(0, 3).toOptionals(40)
                    .zip(maybe(text(0, 2000)), lists().of(text(1, 60)).ofSizeBetween(0, 3).toOptionals(40),
                            (q, f, r) -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                q.ifPresent(v -> m.put("research_questions", v));
                                f.ifPresent(v -> m.put("findings_summary", v));
                                r.ifPresent(v -> m.put("references", v));
                                return m;
                            });
        };
    }

    static Gen<Object> hours() {
        Gen<Object> whole = longs().between(0, 1000).map(l -> (Object) l);
        Gen<Object> fraction = doubles().between(0.0, 1000.0).map(d -> (Object) d);
        return Generate.oneOf(whole, fraction);
    }

    /** Valid create requests of every type, with and without optional fields. */
    static Gen<NewWorkItem> validItem() {
        Gen<ItemType> type = Generate.enumValues(ItemType.class);
        return type.flatMap(t -> metadata(t).zip(title(), maybe(text(0, 10_000)), optionalFields(),
                (meta, title, description, o) -> new NewWorkItem(t.wire(), title, description.orElse(null), meta,
                        null, o.status, o.branch, o.commit, o.pr, o.createdBy)));
    }

    /** The optional scalar fields of a request. */
    record Optionals(String status, String branch, String commit, Integer pr, String createdBy) {
    }

    static Gen<Optionals> optionalFields() {
        Gen<Optional<String>> status = Generate.pick(WorkItemStatus.wireNames()).toOptionals(50);
        Gen<Optional<String>> branch = maybe(text(1, 100).assuming(s -> !s.isBlank()));
        Gen<Optional<String>> commit = maybe(strings().betweenCodePoints('0', '9').ofLength(20)
                .zip(strings().betweenCodePoints('a', 'f').ofLength(20), (a, b) -> a + b));
        Gen<Optional<Integer>> pr = integers().between(1, Integer.MAX_VALUE).toOptionals(50);
        Gen<Optional<String>> by = maybe(text(1, 100).assuming(s -> !s.isBlank()));
        return status.zip(branch, commit, pr, (s, b, c, p) -> new Object[] {s, b, c, p})
                .zip(by, (arr, who) -> new Optionals(((Optional<String>) arr[0]).orElse(null),
                        ((Optional<String>) arr[1]).orElse(null), ((Optional<String>) arr[2]).orElse(null),
                        ((Optional<Integer>) arr[3]).orElse(null), who.orElse(null)));
    }

    /** One way of breaking an otherwise valid request, and the field it must be reported under. */
    record Breakage(String field, UnaryOperator<NewWorkItem> apply) {
    }

    static List<Breakage> breakages() {
        return List.of(
                new Breakage("title", r -> with(r, "title", " ")),
                new Breakage("title", r -> with(r, "title", "t".repeat(201))),
                new Breakage("title", r -> with(r, "title", "half an emoji \ud83d")),
                new Breakage("description", r -> with(r, "description", "\ude80 orphan")),
                new Breakage("item_type", r -> with(r, "item_type", "epic")),
                new Breakage("status", r -> with(r, "status", "ACTIVE")),
                new Breakage("description", r -> with(r, "description", "d".repeat(10_001))),
                new Breakage("branch_name", r -> with(r, "branch_name", "b".repeat(101))),
                new Breakage("commit_hash", r -> with(r, "commit_hash", "abc")),
                new Breakage("pr_number", r -> with(r, "pr_number", 0)),
                new Breakage("created_by", r -> with(r, "created_by", "c".repeat(101))),
                new Breakage("parent_id", r -> with(r, "parent_id", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")),
                new Breakage("metadata.surplus", r -> meta(r, "surplus", "x")),
                new Breakage("metadata", r -> meta(r, wrongTypeKey(r), "200000")),
                new Breakage("metadata", r -> meta(r, boundKey(r), boundValue(r))));
    }

    private static String wrongTypeKey(NewWorkItem r) {
        return switch (r.itemType()) {
            case "project" -> "constitutional_principles";
            case "session" -> "token_budget";
            case "task" -> "estimated_hours";
            default -> "references";
        };
    }

    private static String boundKey(NewWorkItem r) {
        return switch (r.itemType()) {
            case "project" -> "description";
            case "session" -> "prompts_count";
            case "task" -> "blocked_reason";
            default -> "findings_summary";
        };
    }

    private static Object boundValue(NewWorkItem r) {
        return switch (r.itemType()) {
            case "project" -> "d".repeat(1001);
            case "session" -> -1L;
            case "task" -> "r".repeat(501);
            default -> "f".repeat(2001);
        };
    }

    private static NewWorkItem meta(NewWorkItem r, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(r.metadata());
        m.put(key, value);
        return new NewWorkItem(r.itemType(), r.title(), r.description(), m, r.parentId(), r.status(),
                r.branchName(), r.commitHash(), r.prNumber(), r.createdBy());
    }

    private static NewWorkItem with(NewWorkItem r, String field, Object value) {
        return new NewWorkItem(
                field.equals("item_type") ? (String) value : r.itemType(),
                field.equals("title") ? (String) value : r.title(),
                field.equals("description") ? (String) value : r.description(),
                r.metadata(),
                field.equals("parent_id") ? (String) value : r.parentId(),
                field.equals("status") ? (String) value : r.status(),
                field.equals("branch_name") ? (String) value : r.branchName(),
                field.equals("commit_hash") ? (String) value : r.commitHash(),
                field.equals("pr_number") ? (Integer) value : r.prNumber(),
                field.equals("created_by") ? (String) value : r.createdBy());
    }

    // ------------------------------------------------------------------ properties

    @Test
    void anyValidItemSurvivesAStoreRoundTripUnchanged() {
        AtomicInteger created = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(examples()).withShrinkCycles(20).forAll(validItem()).checkAssert(r -> {
            WorkItem w = items().create(r);
            created.incrementAndGet();
            assertThat(w.title()).isEqualTo(r.title());
            assertThat(w.description()).isEqualTo(r.description());
            assertThat(w.itemType().wire()).isEqualTo(r.itemType());
            assertThat(w.status().wire()).isEqualTo(r.status() == null ? "active" : r.status());
            assertThat(w.metadata()).isEqualTo(Metadata.freeze(r.metadata()));
            assertThat(w.branchName()).isEqualTo(r.branchName());
            assertThat(w.commitHash()).isEqualTo(r.commitHash());
            assertThat(w.prNumber()).isEqualTo(r.prNumber());
            if (r.createdBy() != null) {
                assertThat(w.createdBy()).isEqualTo(r.createdBy());
            }
            assertThat(reload(w)).isEqualTo(w);
            assertThat(store.workItems().getAll(List.of(w.id()))).containsExactly(w);
            assertThat(items().query(w.id().toString(), false, false, null, false).item()).isEqualTo(w);
        });
        List<WorkItem> listed = items().list(new WorkItemQuery(null, null, null, false, false, null, false, false,
                100, 0, null)).items();
        assertThat(listed).allSatisfy(w -> assertThat(reload(w)).isEqualTo(w));
        assertThat(store.workItems().count()).isEqualTo(created.get());
    }

    @Test
    void anyInvalidInputIsRejectedAndChangesNothing() {
        WorkItem existing = items().create(Fixtures.item("task", "already here"));
        List<Breakage> breakages = breakages();
        qt().withFixedSeed(SEED).withExamples(examples()).withShrinkCycles(20)
                .forAll(validItem(), Generate.range(0, breakages.size() - 1))
                .checkAssert((valid, which) -> {
                    Breakage b = breakages.get(which);
                    NewWorkItem broken = b.apply().apply(valid);
                    long[] before = snapshot();
                    ValidationException e = (ValidationException) expectError(
                            dev.workstate.error.ErrorCode.VALIDATION_ERROR, () -> items().create(broken));
                    assertThat(e.errors()).as("errors for %s", b.field())
                            .anySatisfy(fe -> assertThat(fe.field()).startsWith(b.field()));
                    assertUnchanged(before);

                    // the same breakage as an update of the existing item: rejected, item untouched
                    if (b.field().startsWith("metadata") && broken.itemType().equals("task")) {
                        assertThat(rejectedFields(() -> items().update(WorkItemUpdate.builder(
                                existing.id().toString(), 1L).metadata(broken.metadata()).build()))).isNotEmpty();
                    }
                    if (b.field().equals("title")) {
                        assertThat(rejectedFields(() -> items().update(WorkItemUpdate.builder(
                                existing.id().toString(), 1L).title(broken.title()).build())))
                                .containsExactly("title");
                    }
                    assertUnchanged(before);
                    assertThat(reload(existing)).isEqualTo(existing);
                });
    }

    @Test
    void concurrentUpdatersNeverLoseAnUpdate() {
        qt().withFixedSeed(SEED).withExamples(6).withShrinkCycles(0)
                .forAll(Generate.range(2, 8), Generate.range(1, 6))
                .checkAssert((threads, perThread) -> {
                    WorkItem w = items().create(Fixtures.item("task", "counter"));
                    AtomicInteger successes = new AtomicInteger();
                    AtomicInteger conflicts = new AtomicInteger();
                    List<Object> results;
                    try {
                        results = race(threads, i -> () -> {
                            int done = 0;
                            for (int attempt = 0; done < perThread && attempt < 1000; attempt++) {
                                WorkItem cur = reload(w);
                                try {
                                    items().update(WorkItemUpdate.builder(cur.id().toString(), cur.version())
                                            .metadata(Map.of("actual_hours", (long) cur.version()))
                                            .updatedBy("writer-" + i).build());
                                    done++;
                                    successes.incrementAndGet();
                                } catch (VersionConflictException e) {
                                    conflicts.incrementAndGet();
                                }
                            }
                            return done;
                        });
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(perThread));
                    WorkItem fin = reload(w);
                    assertThat(successes.get()).isEqualTo(threads * perThread);
                    assertThat(fin.version()).isEqualTo(1L + successes.get());
                    assertThat(fin.metadata()).containsEntry("actual_hours", fin.version() - 1);
                    assertThat(items().history(w.id().toString())).hasSize(1 + successes.get());
                });
    }
}
