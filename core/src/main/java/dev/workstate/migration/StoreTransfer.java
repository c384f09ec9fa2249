package dev.workstate.migration;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.ValidationException;
import dev.workstate.internal.Json;
import dev.workstate.internal.StoreFactory;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EntityType;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.port.Mutation;
import dev.workstate.port.StorageProvider;
import dev.workstate.port.Store;
import dev.workstate.port.WorkItemFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

/**
 * Moves a whole store losslessly between layers: reads everything through the source's read ports into a
 * {@link StoreSnapshot} and writes it into the target as {@link Mutation}s (inserts with the original ids, versions,
 * timestamps, actors, claims and deleted/archived markers, the configuration through {@code UpdateConfiguration} over the
 * target's seeded row, and the original audit events appended in their original order) inside one transaction.
 * Also writes and reads the two dump formats: a JSON dump (one file per entity kind) and a markdown-store directory
 * (through the {@code markdown} {@link StorageProvider}, never its classes).
 *
 * <p>Import refuses a non-empty target unless merging; a merge inserts what is new, skips identical records and reports
 * records with the same id but different content as conflicts instead of overwriting them. Import reads only regular
 * files inside the given directory and refuses symbolic links anywhere in it.
 *
 * <p>Thread-safe: stateless.
 */
public final class StoreTransfer {
    /** The {@code format} value of a JSON dump's {@code manifest.json}. */
    public static final String JSON_FORMAT = "workstate-export";
    public static final String MANIFEST = "manifest.json";
    private static final int PAGE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(StoreTransfer.class);
    private static final String[] KINDS = {"configuration", "work_items", "dependencies", "vendors", "deployments",
        "enhancements", "audit"};

    /** Receives progress: {@code done} of {@code total} records of the current phase. Called on the working thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (phase, done, total) -> { };

        void update(String phase, long done, long total);
    }

    /** Import options. */
    public record Options(boolean merge, boolean dryRun, Progress progress) {
        public Options {
            progress = progress == null ? Progress.NONE : progress;
        }

        public static Options defaults() {
            return new Options(false, false, Progress.NONE);
        }
    }

    // ------------------------------------------------------------------ read

    /** Reads the whole store (in one transaction, so the snapshot is consistent). */
    public StoreSnapshot read(Store source, Progress progress) {
        Progress p = progress == null ? Progress.NONE : progress;
        return source.inTransaction(() -> {
            ProjectConfiguration config = source.configuration().get();
            List<WorkItem> items = source.workItems().list(new WorkItemFilter(null, null, null, false, false, null,
                    true, true, null, Instant.EPOCH, Integer.MAX_VALUE, 0)).items();
            p.update("read work_items", items.size(), items.size());
            Set<Dependency> deps = new HashSet<>();
            Set<String> seen = new HashSet<>();
            for (WorkItem w : items) {
                for (Dependency d : source.workItems().dependenciesOf(w.id())) {
                    if (seen.add(d.sourceId() + "|" + d.targetId() + "|" + d.dependencyType().wire())) {
                        deps.add(d);
                    }
                }
            }
            List<Vendor> vendors = new ArrayList<>();
            for (int offset = 0; ; offset += PAGE) {
                var page = source.vendors().list(null, PAGE, offset);
                vendors.addAll(page.items());
                if (!page.hasMore() || page.items().isEmpty()) {
                    break;
                }
            }
            List<Deployment> deployments = new ArrayList<>();
            for (int offset = 0; ; offset += PAGE) {
                var page = source.deployments().list(new DeploymentFilter(null, null, null, PAGE, offset));
                deployments.addAll(page.items());
                if (!page.hasMore() || page.items().isEmpty()) {
                    break;
                }
            }
            List<Enhancement> enhancements = new ArrayList<>();
            for (int offset = 0; ; offset += PAGE) {
                var page = source.enhancements().list(null, PAGE, offset);
                enhancements.addAll(page.items());
                if (!page.hasMore() || page.items().isEmpty()) {
                    break;
                }
            }
            List<AuditEvent> audit = new ArrayList<>();
            long total = source.audit().count();
            for (int offset = 0; ; offset += PAGE) {
                List<AuditEvent> page = source.audit().all(PAGE, offset);
                audit.addAll(page);
                p.update("read audit", audit.size(), total);
                if (page.size() < PAGE) {
                    break;
                }
            }
            return new StoreSnapshot(config, items, new ArrayList<>(deps), vendors, deployments, enhancements, audit);
        });
    }

    // ------------------------------------------------------------------ write

    /** Copies the whole of {@code source} into {@code target}; see {@link #write}. */
    public Map<String, Object> copy(Store source, Store target, Options options) {
        return write(read(source, options.progress()), target, options);
    }

    /** True when the store holds no work item, vendor, deployment or enhancement. */
    public static boolean isEmpty(Store store) {
        return store.inTransaction(() -> store.workItems().count() == 0
                && store.vendors().list(null, 1, 0).totalCount() == 0
                && store.deployments().list(new DeploymentFilter(null, null, null, 1, 0)).totalCount() == 0
                && store.enhancements().list(null, 1, 0).totalCount() == 0);
    }

    /**
     * Writes a snapshot into {@code target} in one transaction.
     *
     * @return a JSON-ready report: success, dry_run, merge, source_counts, imported, skipped_identical, conflicts
     * @throws ValidationException if the target is not empty and {@code merge} is false (nothing is written)
     */
    public Map<String, Object> write(StoreSnapshot snapshot, Store target, Options options) {
        if (!options.merge() && !isEmpty(target)) {
            throw ValidationException.of("target", "the target store is not empty; import with merge to add only"
                    + " what is new (conflicts are reported, never overwritten)");
        }
        Writer w = new Writer(snapshot, target, options);
        try {
            target.inTransaction(() -> {
                w.run();
                if (options.dryRun()) {
                    throw new DryRun();
                }
                return null;
            });
        } catch (DryRun expected) {
            // rolled back on purpose
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("success", true);
        report.put("dry_run", options.dryRun());
        report.put("merge", options.merge());
        report.put("target_layer", target.layer());
        report.put("source_counts", snapshot.counts());
        report.put("imported", w.imported);
        report.put("skipped_identical", w.identical);
        report.put("conflicts", w.conflicts);
        return report;
    }

    private static final class DryRun extends RuntimeException {
        DryRun() {
            super("dry run", null, false, false);
        }
    }

    /** One write of one snapshot; not thread-safe, used once. */
    private static final class Writer {
        private final StoreSnapshot s;
        private final Store t;
        private final Options o;
        final Map<String, Object> imported = new LinkedHashMap<>();
        final Map<String, Object> identical = new LinkedHashMap<>();
        final List<Map<String, Object>> conflicts = new ArrayList<>();
        private long done;
        private final long total;

        Writer(StoreSnapshot s, Store t, Options o) {
            this.s = s;
            this.t = t;
            this.o = o;
            this.total = s.size();
            for (String k : List.of("configuration", "work_items", "dependencies", "vendors", "deployments",
                    "enhancements", "audit_events")) {
                imported.put(k, 0L);
                identical.put(k, 0L);
            }
        }

        private void tick(String phase) {
            done++;
            if (done % 200 == 0 || done == total) {
                o.progress().update(phase, done, total);
            }
        }

        private void count(Map<String, Object> m, String k) {
            m.put(k, (Long) m.get(k) + 1);
        }

        private void conflict(EntityType type, String id, String reason) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("entity_type", type.wire());
            c.put("id", id);
            c.put("reason", reason);
            conflicts.add(c);
        }

        void run() {
            Set<UUID> skippedItems = new HashSet<>();
            for (WorkItem w : s.workItems()) {
                Optional<WorkItem> existing = o.merge() ? t.workItems().get(w.id()) : Optional.empty();
                if (existing.isPresent()) {
                    if (existing.get().equals(w)) {
                        count(identical, "work_items");
                    } else {
                        conflict(EntityType.WORK_ITEM, w.id().toString(), "same id, different content");
                        skippedItems.add(w.id());
                    }
                } else if (w.parentId() != null && skippedItems.contains(w.parentId())) {
                    conflict(EntityType.WORK_ITEM, w.id().toString(), "its parent is in conflict");
                    skippedItems.add(w.id());
                } else {
                    t.apply(new Mutation.InsertWorkItem(w));
                    count(imported, "work_items");
                }
                tick("work_items");
            }
            for (Dependency d : s.dependencies()) {
                boolean exists = o.merge() && t.workItems().dependenciesOf(d.sourceId()).stream()
                        .anyMatch(x -> x.targetId().equals(d.targetId()) && x.dependencyType() == d.dependencyType());
                if (exists) {
                    count(identical, "dependencies");
                } else if (skippedItems.contains(d.sourceId()) || skippedItems.contains(d.targetId())) {
                    conflict(EntityType.DEPENDENCY, d.sourceId() + "->" + d.targetId(), "an end is in conflict");
                } else {
                    t.apply(new Mutation.InsertDependency(d));
                    count(imported, "dependencies");
                }
                tick("dependencies");
            }
            Set<UUID> skippedVendors = new HashSet<>();
            for (Vendor v : s.vendors()) {
                Optional<Vendor> existing = o.merge() ? t.vendors().get(v.id()) : Optional.empty();
                Optional<Vendor> byName = o.merge() ? t.vendors().findByName(v.name()) : Optional.empty();
                if (existing.isPresent()) {
                    if (existing.get().equals(v)) {
                        count(identical, "vendors");
                    } else {
                        conflict(EntityType.VENDOR, v.id().toString(), "same id, different content");
                        skippedVendors.add(v.id());
                    }
                } else if (byName.isPresent()) {
                    conflict(EntityType.VENDOR, v.id().toString(), "a different vendor with the name '" + v.name()
                            + "' exists (" + byName.get().id() + ")");
                    skippedVendors.add(v.id());
                } else {
                    t.apply(new Mutation.InsertVendor(v));
                    count(imported, "vendors");
                }
                tick("vendors");
            }
            for (Deployment d : s.deployments()) {
                Optional<Deployment> existing = o.merge() ? t.deployments().get(d.id()) : Optional.empty();
                if (existing.isPresent()) {
                    if (existing.get().equals(d)) {
                        count(identical, "deployments");
                    } else {
                        conflict(EntityType.DEPLOYMENT, d.id().toString(), "same id, different content");
                    }
                } else if (d.vendorIds().stream().anyMatch(skippedVendors::contains)
                        || d.workItemIds().stream().anyMatch(skippedItems::contains)) {
                    conflict(EntityType.DEPLOYMENT, d.id().toString(), "a linked record is in conflict");
                } else {
                    t.apply(new Mutation.InsertDeployment(d));
                    count(imported, "deployments");
                }
                tick("deployments");
            }
            for (Enhancement e : s.enhancements()) {
                Optional<Enhancement> existing = o.merge() ? t.enhancements().get(e.id()) : Optional.empty();
                if (existing.isPresent()) {
                    if (existing.get().equals(e)) {
                        count(identical, "enhancements");
                    } else {
                        conflict(EntityType.ENHANCEMENT, e.id().toString(), "same id, different content");
                    }
                } else {
                    t.apply(new Mutation.InsertEnhancement(e));
                    count(imported, "enhancements");
                }
                tick("enhancements");
            }
            ProjectConfiguration current = t.configuration().get();
            ProjectConfiguration wanted = s.configuration();
            if (current.equals(wanted)) {
                count(identical, "configuration");
            } else if (o.merge() && !isDefault(current)) {
                conflict(EntityType.CONFIGURATION, "1", "the target's configuration differs and was kept");
            } else if (wanted.currentSessionId() != null && skippedItems.contains(wanted.currentSessionId())) {
                conflict(EntityType.CONFIGURATION, "1", "its current session is in conflict");
            } else {
                t.apply(new Mutation.UpdateConfiguration(wanted, current.version()));
                count(imported, "configuration");
            }
            tick("configuration");
            Map<String, Set<UUID>> known = new LinkedHashMap<>();
            for (AuditEvent e : s.audit()) {
                boolean exists = false;
                if (o.merge()) {
                    Set<UUID> ids = known.computeIfAbsent(e.entityType().wire() + "|" + e.entityId(), k -> {
                        Set<UUID> out = new HashSet<>();
                        t.audit().history(e.entityType(), e.entityId()).forEach(x -> out.add(x.id()));
                        return out;
                    });
                    exists = ids.contains(e.id());
                }
                if (exists) {
                    count(identical, "audit_events");
                } else {
                    t.apply(new Mutation.AppendAudit(e));
                    count(imported, "audit_events");
                }
                tick("audit");
            }
        }

        /** A configuration nobody changed yet (only the seeded defaults) may be replaced even when merging. */
        private static boolean isDefault(ProjectConfiguration c) {
            ProjectConfiguration d = ProjectConfiguration.defaults(c.updatedAt(), c.updatedBy());
            return c.version() == 1 && Objects.equals(c.activeContextType(), d.activeContextType())
                    && c.currentSessionId() == null && c.gitBranch() == null && c.gitHeadCommit() == null
                    && c.defaultTokenBudget() == d.defaultTokenBudget();
        }
    }

    // ------------------------------------------------------------------ JSON dump

    /**
     * Writes {@code source} as a JSON dump into {@code dir} (created if missing; must be empty): {@code manifest.json}
     * plus one pretty-printed file per entity kind, records in the snapshot's deterministic order.
     *
     * @return the snapshot's counts
     */
    public Map<String, Object> exportJson(Store source, Path dir, Progress progress) {
        StoreSnapshot snap = read(source, progress);
        prepareEmptyDirectory(dir);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", JSON_FORMAT);
        manifest.put("format_version", 1);
        manifest.put("source_layer", source.layer());
        manifest.put("counts", snap.counts());
        writeJson(dir.resolve(MANIFEST), manifest);
        writeJson(dir.resolve("configuration.json"), snap.configuration());
        // Only the record components: the derived is_deleted/is_archived flags are not data.
        writeJson(dir.resolve("work_items.json"), snap.workItems().stream().map(w -> {
            Map<String, Object> m = Json.toMap(w);
            m.remove("deleted");
            m.remove("archived");
            return m;
        }).toList());
        writeJson(dir.resolve("dependencies.json"), snap.dependencies());
        writeJson(dir.resolve("vendors.json"), snap.vendors());
        writeJson(dir.resolve("deployments.json"), snap.deployments());
        writeJson(dir.resolve("enhancements.json"), snap.enhancements());
        writeJson(dir.resolve("audit.json"), snap.audit());
        if (progress != null) {
            progress.update("export json", snap.size(), snap.size());
        }
        return snap.counts();
    }

    /** Reads a JSON dump written by {@link #exportJson}; refuses symlinks and anything but the expected files. */
    public StoreSnapshot readJson(Path dir) {
        Path root = checkImportDirectory(dir);
        Map<?, ?> manifest = readJsonFile(root, MANIFEST, Json.mapper().constructType(Map.class));
        if (!JSON_FORMAT.equals(manifest.get("format"))) {
            throw ValidationException.of("directory", MANIFEST + " is not a Workstate export");
        }
        ProjectConfiguration config = readJsonFile(root, "configuration.json",
                Json.mapper().constructType(ProjectConfiguration.class));
        return new StoreSnapshot(config,
                readJsonFile(root, "work_items.json", listOf(WorkItem.class)),
                readJsonFile(root, "dependencies.json", listOf(Dependency.class)),
                readJsonFile(root, "vendors.json", listOf(Vendor.class)),
                readJsonFile(root, "deployments.json", listOf(Deployment.class)),
                readJsonFile(root, "enhancements.json", listOf(Enhancement.class)),
                readJsonFile(root, "audit.json", listOf(AuditEvent.class)));
    }

    private static JavaType listOf(Class<?> type) {
        return Json.mapper().getTypeFactory().constructCollectionType(List.class, type);
    }

    private static void writeJson(Path file, Object value) {
        try {
            Files.writeString(file, Json.writePretty(value) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.getFileName(), e);
        }
    }

    private static <T> T readJsonFile(Path root, String name, JavaType type) {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw ValidationException.of("directory", "the export has no regular file " + name);
        }
        try {
            T value = Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), type);
            if (value == null) {
                throw ValidationException.of(name, "is empty");
            }
            return value;
        } catch (JacksonException e) {
            throw ValidationException.of(name, "is not a valid export file: " + JsonProblems.describe(e));
        } catch (IOException e) {
            throw ValidationException.of(name, "cannot be read");
        }
    }

    // ------------------------------------------------------------------ markdown directory

    /** Writes {@code source} as a markdown-store directory in {@code dir} (created if missing; must be empty). */
    public Map<String, Object> exportMarkdown(Store source, Path dir, Progress progress) {
        StoreSnapshot snap = read(source, progress);
        prepareEmptyDirectory(dir);
        try (Store md = openMarkdown(dir, true)) {
            write(snap, md, new Options(false, false, progress));
        }
        return snap.counts();
    }

    /**
     * Reads a markdown-store directory without touching it: after the symlink and containment checks the directory is
     * copied to a temporary one, which the markdown layer opens (opening a store may create its lock file).
     */
    public StoreSnapshot readMarkdown(Path dir, Progress progress) {
        Path root = checkImportDirectory(dir);
        Path copy = null;
        try {
            copy = Files.createTempDirectory("workstate-import");
            copyTree(root, copy);
            try (Store md = openMarkdown(copy, false)) {
                return read(md, progress);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the markdown directory", e);
        } finally {
            if (copy != null) {
                deleteTree(copy);
            }
        }
    }

    /** {@code json} for a JSON dump, {@code markdown} for a markdown-store directory. */
    public static String detectFormat(Path dir) {
        Path root = checkImportDirectory(dir);
        if (Files.isRegularFile(root.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            return "json";
        }
        if (Files.isRegularFile(root.resolve("configuration.md"), LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(root.resolve("work-items"), LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(root.resolve("vendors"), LinkOption.NOFOLLOW_LINKS)) {
            return "markdown";
        }
        throw ValidationException.of("directory", "is neither a Workstate JSON export (" + MANIFEST
                + ") nor a markdown store directory");
    }

    /** Reads the directory in whichever format it is. */
    public StoreSnapshot readDirectory(Path dir, Progress progress) {
        return detectFormat(dir).equals("json") ? readJson(dir) : readMarkdown(dir, progress);
    }

    /** Opens the markdown layer on {@code dir}; {@code sync} false for throw-away copies (no fsync). */
    private static Store openMarkdown(Path dir, boolean sync) {
        StorageProvider provider = StoreFactory.providers().get("markdown");
        if (provider == null) {
            throw ValidationException.of("format", "the markdown storage adapter is not on the classpath");
        }
        WorkstateConfig config = WorkstateConfig.builder().dataDir(dir).storageOrder(List.of("markdown"))
                .extra("x.markdown.dir", dir.toString()).extra("x.markdown.sync", sync ? "full" : "off").build();
        return provider.open(config);
    }

    // ------------------------------------------------------------------ file safety

    private static void prepareEmptyDirectory(Path dir) {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw ValidationException.of("output", "exists and is not a directory");
                }
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw ValidationException.of("output", "must be an empty or new directory");
                    }
                }
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw ValidationException.of("output", "cannot be created");
        }
    }

    /**
     * The real path of an import directory, after checking that it is a directory (not a link) and that nothing inside
     * it is a symbolic link or resolves outside it.
     */
    static Path checkImportDirectory(Path dir) {
        if (dir == null || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw ValidationException.of("directory", "is not a directory (symbolic links are refused)");
        }
        try {
            Path root = dir.toRealPath(LinkOption.NOFOLLOW_LINKS);
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    check(d, attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    check(f, attrs);
                    return FileVisitResult.CONTINUE;
                }

                private void check(Path p, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink() || attrs.isOther()) {
                        throw ValidationException.of("directory", "contains a symbolic link or special file ("
                                + root.relativize(p) + "); refused");
                    }
                    if (!p.normalize().startsWith(root)) {
                        throw ValidationException.of("directory", "refers to a file outside the directory");
                    }
                }
            });
            return root;
        } catch (IOException e) {
            throw ValidationException.of("directory", "cannot be read");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (!f.getFileName().toString().equals(".lock")) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete temporary file", e);
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot clean up temporary directory", e);
        }
    }

    /** The kinds of a JSON dump, in file order (for documentation and tests). */
    public static List<String> jsonKinds() {
        return List.of(KINDS);
    }
}
