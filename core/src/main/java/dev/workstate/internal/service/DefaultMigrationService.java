package dev.workstate.internal.service;

import com.google.inject.Inject;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.ValidationException;
import dev.workstate.error.WorkstateException;
import dev.workstate.migration.LegacyStatus;
import dev.workstate.migration.LegacyStatus.DeploymentEntry;
import dev.workstate.migration.LegacyStatus.EnhancementEntry;
import dev.workstate.migration.LegacyStatus.ParseIssue;
import dev.workstate.migration.LegacyStatus.SessionEntry;
import dev.workstate.migration.LegacyStatus.VendorEntry;
import dev.workstate.migration.LegacyStatus.WorkItemEntry;
import dev.workstate.migration.LegacyStatusParser;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.ItemType;
import dev.workstate.model.Times;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.port.Store;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.service.DeploymentService;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.EnhancementService;
import dev.workstate.service.MigrationService;
import dev.workstate.service.NewDeployment;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.VendorService;
import dev.workstate.service.WorkItemService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates a legacy {@code .project_status.md} into the store: parse (both variants), refuse a re-run that would
 * duplicate records, create everything through the regular services inside ONE transaction (so every record passes
 * exactly the rules a client's write passes, with {@code created_by = "migration"}), read the result back inside that
 * transaction for the five reconciliation checks, then commit — or roll back on any failure, any failed check, or a
 * dry run. The file is only read, never written.
 *
 * <p>Thread-safe: stateless apart from injected thread-safe collaborators.
 */
public final class DefaultMigrationService implements MigrationService {
    /** The {@code created_by} of every migrated record. */
    public static final String ACTOR = "migration";
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMigrationService.class);
    private static final int VENDOR_FIELDS = 10;

    private final Store store;
    private final Clock clock;
    private final WorkItemService workItems;
    private final VendorService vendors;
    private final DeploymentService deployments;
    private final EnhancementService enhancements;
    private final LegacyStatusParser parser = new LegacyStatusParser();

    @Inject
    public DefaultMigrationService(Store store, Clock clock, WorkstateConfig config, WorkItemService workItems,
                                   VendorService vendors, DeploymentService deployments,
                                   EnhancementService enhancements) {
        this.store = store;
        this.clock = clock;
        this.workItems = workItems;
        this.vendors = vendors;
        this.deployments = deployments;
        this.enhancements = enhancements;
    }

    @Override
    public Map<String, Object> migrate(String path, boolean dryRun, boolean strict) {
        if (path == null || path.isBlank()) {
            throw ValidationException.of("path", "is required");
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw ValidationException.of("path", "is not a readable file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw ValidationException.of("path", "is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.debug("cannot read legacy file", e);
            throw ValidationException.of("path", "is not a readable file");
        }
        Map<String, Object> report = migrate(String.valueOf(file.getFileName()), bytes, dryRun, strict);
        // Evidence for the "file untouched" guarantee: the bytes on disk still hash to what was parsed.
        try {
            report.put("file_unchanged", sha256(Files.readAllBytes(file)).equals(report.get("source_sha256")));
        } catch (IOException e) {
            report.put("file_unchanged", false);
        }
        return report;
    }

    /**
     * Migrates the given file content (the same as {@link #migrate(String, boolean, boolean)} without touching the file
     * system; {@code fileName} only labels the report).
     */
    public Map<String, Object> migrate(String fileName, byte[] content, boolean dryRun, boolean strict) {
        long started = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        report.put("success", false);
        report.put("dry_run", dryRun);
        report.put("strict", strict);
        report.put("rollback_executed", false);
        report.put("source_file", fileName);
        report.put("source_sha256", sha256(content));
        report.put("errors", errors);

        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            errors.add("parse_failed: the file is not UTF-8 text");
            return finish(report, started);
        }
        LegacyStatus parsed = parser.parse(text);
        report.put("variant", parsed.variant());
        report.put("parse_issues", parsed.issues().stream().map(DefaultMigrationService::issue).toList());
        report.put("declared_counts", new java.util.TreeMap<>(parsed.declaredCounts()));
        Map<String, Object> sourceCounts = new LinkedHashMap<>();
        for (String kind : List.of(LegacyStatus.VENDORS, LegacyStatus.WORK_ITEMS, LegacyStatus.DEPLOYMENTS,
                LegacyStatus.ENHANCEMENTS, LegacyStatus.SESSIONS)) {
            sourceCounts.put(kind, parsed.parsedCount(kind));
        }
        report.put("source_counts", sourceCounts);
        report.put("skipped_entries", parsed.issues().stream().filter(i -> i.severity().equals(ParseIssue.ERROR))
                .count());

        if (strict && parsed.hasIssues()) {
            errors.add("parse_failed: " + parsed.issues().size() + " parse issue(s) and --strict was given;"
                    + " nothing was written");
            return finish(report, started);
        }
        int total = parsed.vendors().size() + parsed.workItems().size() + parsed.deployments().size()
                + parsed.enhancements().size() + parsed.sessions().size();
        if (total == 0) {
            errors.add("parse_failed: no vendor, work item, deployment, enhancement or session entry was found");
            return finish(report, started);
        }
        List<String> fileErrors = duplicatesInFile(parsed);
        if (!fileErrors.isEmpty()) {
            errors.addAll(fileErrors);
            return finish(report, started);
        }

        Counts before = counts();
        Run run = new Run(parsed, report, errors, before, dryRun);
        try {
            store.inTransaction(() -> {
                run.execute();
                if (!errors.isEmpty() || dryRun) {
                    throw run.abort();
                }
                return null;
            });
            report.put("success", true);
        } catch (RuntimeException e) {
            if (run.aborted) {
                // Our own rollback (failure or dry run), whatever the store wrapped it in.
                report.put("rollback_executed", !dryRun && run.wroteSomething);
                report.put("success", dryRun && errors.isEmpty());
            } else if (e instanceof WorkstateException we) {
                errors.add(we.code().name().toLowerCase(Locale.ROOT) + ": " + we.getMessage());
                report.putIfAbsent("error_code", we.code().name());
                report.put("rollback_executed", true);
            } else {
                LOG.warn("migration failed unexpectedly; rolled back", e);
                errors.add("internal: the migration failed unexpectedly and was rolled back");
                report.putIfAbsent("error_code", "INTERNAL");
                report.put("rollback_executed", true);
            }
        }
        if (!Boolean.TRUE.equals(report.get("success")) || dryRun) {
            // Prove the rollback: nothing of this run may remain.
            Counts after = counts();
            report.put("rollback_verified", after.equals(before));
            if (!dryRun) {
                report.put("migrated_counts", after.minus(before).asMap());
                report.put("data_preservation_percentage", 0.0);
            }
        }
        return finish(report, started);
    }

    private Map<String, Object> finish(Map<String, Object> report, long started) {
        report.putIfAbsent("parse_issues", List.of());
        report.putIfAbsent("source_counts", Map.of());
        report.putIfAbsent("migrated_counts", Counts.ZERO.asMap());
        report.putIfAbsent("reconciliation", Map.of());
        report.putIfAbsent("vendor_metadata", Map.of("fields_validated", 0, "completeness_percentage", 0.0));
        report.putIfAbsent("data_preservation_percentage", 0.0);
        report.put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    private static Map<String, Object> issue(ParseIssue i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", i.line());
        m.put("section", i.section());
        m.put("severity", i.severity());
        m.put("message", i.message());
        return m;
    }

    private static List<String> duplicatesInFile(LegacyStatus parsed) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (VendorEntry v : parsed.vendors()) {
            Integer first = seen.putIfAbsent(v.name().toLowerCase(Locale.ROOT), v.line());
            if (first != null) {
                out.add("validation_failed: vendor '" + v.name() + "' (line " + v.line()
                        + ") appears twice in the file (first at line " + first + ")");
            }
        }
        Map<String, Integer> ids = new HashMap<>();
        for (WorkItemEntry w : parsed.workItems()) {
            checkLegacyId(out, ids, w.legacyId(), w.line());
        }
        for (SessionEntry s : parsed.sessions()) {
            checkLegacyId(out, ids, s.legacyId(), s.line());
        }
        return out;
    }

    private static void checkLegacyId(List<String> out, Map<String, Integer> ids, String id, int line) {
        if (id == null) {
            return;
        }
        Integer first = ids.putIfAbsent(id, line);
        if (first != null) {
            out.add("validation_failed: legacy id '" + id + "' (line " + line + ") is used twice (first at line "
                    + first + ")");
        }
    }

    /** Empty pages (limit 0): only the totals are needed, not a row of each kind read and mapped. */
    private Counts counts() {
        return store.inTransaction(() -> new Counts(
                vendorCount(),
                store.workItems().count(),
                count(ItemType.SESSION),
                deploymentCount(),
                store.enhancements().list(null, 0, 0).totalCount()));
    }

    private long vendorCount() {
        return store.vendors().list(null, 0, 0).totalCount();
    }

    private long deploymentCount() {
        return store.deployments().list(new DeploymentFilter(null, null, null, 0, 0)).totalCount();
    }

    private long count(ItemType type) {
        return store.workItems().list(new WorkItemFilter(type, null, null, false, false, null, true, true, null,
                Times.now(clock), 0, 0)).totalCount();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double percent(long part, long whole) {
        if (whole == 0) {
            return 100.0;
        }
        return Math.round(part * 1000.0 / whole) / 10.0;
    }

    /** Store totals at one moment. */
    private record Counts(long vendors, long workItems, long sessions, long deployments, long enhancements) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        Counts minus(Counts o) {
            return new Counts(vendors - o.vendors, workItems - o.workItems, sessions - o.sessions,
                    deployments - o.deployments, enhancements - o.enhancements);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(LegacyStatus.VENDORS, vendors);
            m.put(LegacyStatus.WORK_ITEMS, workItems - sessions);
            m.put(LegacyStatus.DEPLOYMENTS, deployments);
            m.put(LegacyStatus.ENHANCEMENTS, enhancements);
            m.put(LegacyStatus.SESSIONS, sessions);
            return m;
        }
    }

    /** Thrown inside the transaction to roll it back (failure or dry run); carries nothing. */
    private static final class Abort extends RuntimeException {
        Abort() {
            super("migration rolled back", null, false, false);
        }
    }

    /** The work done inside the one transaction; not thread-safe, used once. */
    private final class Run {
        private final LegacyStatus parsed;
        private final Map<String, Object> report;
        private final List<String> errors;
        private final Counts before;
        private final boolean dryRun;
        private final List<UUID> vendorIds = new ArrayList<>();
        private final Map<String, UUID> legacyIds = new HashMap<>();
        /** This run's vendors by their stored name, so deployments need no store lookup for them. */
        private final Map<String, UUID> vendorsByName = new HashMap<>();
        private Long defaultTokenBudget;
        private final List<Map<String, Object>> unresolved = new ArrayList<>();
        boolean wroteSomething;
        boolean aborted;

        Abort abort() {
            aborted = true;
            return new Abort();
        }

        Run(LegacyStatus parsed, Map<String, Object> report, List<String> errors, Counts before, boolean dryRun) {
            this.parsed = parsed;
            this.report = report;
            this.errors = errors;
            this.before = before;
            this.dryRun = dryRun;
        }

        void execute() {
            if (refuseDuplicates()) {
                return;
            }
            wroteSomething = true;
            migrateVendors();
            migrateWorkItems();
            migrateSessions();
            migrateDeployments();
            migrateEnhancements();
            report.put("unresolved_references", unresolved);
            if (!errors.isEmpty()) {
                return;
            }
            reconcile();
        }

        /** Re-running on a migrated store is refused: any record the file would create must not exist yet. */
        private boolean refuseDuplicates() {
            List<String> dup = new ArrayList<>();
            // A kind the store holds none of cannot hold a duplicate: on the usual first run (an empty store) one
            // count replaces a lookup per entry of the file.
            if (!parsed.vendors().isEmpty() && vendorCount() > 0) {
                for (VendorEntry v : parsed.vendors()) {
                    store.vendors().findByName(v.name()).ifPresent(existing -> dup.add("duplicate: vendor '"
                            + v.name() + "' (line " + v.line() + ") already exists"));
                }
            }
            if (!parsed.deployments().isEmpty() && deploymentCount() > 0) {
                for (DeploymentEntry d : parsed.deployments()) {
                    boolean exists = store.deployments().list(new DeploymentFilter(null, null, d.commitHash(), 100,
                            0)).items().stream().anyMatch(x -> x.metadata().prNumber() == d.prNumber());
                    if (exists) {
                        dup.add("duplicate: deployment PR #" + d.prNumber() + " (line " + d.line()
                                + ") already exists");
                    }
                }
            }
            if (!parsed.enhancements().isEmpty()) {
                Set<String> titles = new HashSet<>();
                int offset = 0;
                while (true) {
                    var page = store.enhancements().list(null, 500, offset);
                    page.items().forEach(e -> titles.add(e.title()));
                    if (!page.hasMore()) {
                        break;
                    }
                    offset += page.items().size();
                }
                for (EnhancementEntry e : parsed.enhancements()) {
                    if (titles.contains(e.title())) {
                        dup.add("duplicate: enhancement '" + e.title() + "' (line " + e.line() + ") already exists");
                    }
                }
            }
            if ((!parsed.workItems().isEmpty() || !parsed.sessions().isEmpty()) && store.workItems().count() > 0) {
                Set<String> keys = new HashSet<>();
                Set<ItemType> types = new LinkedHashSet<>();
                parsed.workItems().forEach(w -> ItemType.parse(w.itemType()).ifPresent(types::add));
                if (!parsed.sessions().isEmpty()) {
                    types.add(ItemType.SESSION);
                }
                for (ItemType t : types) {
                    var items = store.workItems().list(new WorkItemFilter(t, null, null, false, false, null, true,
                            true, null, Times.now(clock), Integer.MAX_VALUE, 0)).items();
                    items.forEach(w -> keys.add(t.wire() + "\u0000" + w.title()));
                }
                for (WorkItemEntry w : parsed.workItems()) {
                    if (keys.contains(w.itemType() + "\u0000" + w.title())) {
                        dup.add("duplicate: " + w.itemType() + " '" + w.title() + "' (line " + w.line()
                                + ") already exists");
                    }
                }
                for (SessionEntry s : parsed.sessions()) {
                    if (keys.contains("session\u0000" + s.title())) {
                        dup.add("duplicate: session '" + s.title() + "' (line " + s.line() + ") already exists");
                    }
                }
            }
            if (dup.isEmpty()) {
                return false;
            }
            errors.add("duplicate: the store already holds " + dup.size() + " record(s) of this file; it looks"
                    + " migrated already, so nothing was written");
            errors.addAll(dup);
            report.put("error_code", "DUPLICATE");
            return true;
        }

        private void failed(String what, int line, WorkstateException e) {
            if (e instanceof ValidationException v) {
                List<String> fields = v.errors().stream().map(f -> f.field() + " " + f.message()).toList();
                errors.add("validation_failed: " + what + " (line " + line + "): " + String.join("; ", fields));
                report.putIfAbsent("error_code", "VALIDATION_ERROR");
                return;
            }
            // Anything else (conflict, storage) may have left the transaction unusable: stop here.
            errors.add(e.code().name().toLowerCase(Locale.ROOT) + ": " + what + " (line " + line + "): "
                    + e.getMessage());
            report.putIfAbsent("error_code", e.code().name());
            throw abort();
        }

        private void migrateVendors() {
            for (VendorEntry v : parsed.vendors()) {
                Map<String, Object> metadata = new LinkedHashMap<>();
                Map<String, Object> formats = new LinkedHashMap<>();
                for (String f : VendorRules.FORMATS) {
                    formats.put(f, v.formats().contains(f));
                }
                metadata.put("format_support", formats);
                Map<String, Object> tests = new LinkedHashMap<>();
                tests.put("passing", v.passing());
                tests.put("total", v.total());
                tests.put("skipped", v.skipped() == null ? 0L : v.skipped());
                metadata.put("test_results", tests);
                if (v.extractorVersion() != null) {
                    metadata.put("extractor_version", v.extractorVersion());
                }
                if (v.manifestCompliant() != null) {
                    metadata.put("manifest_compliant", v.manifestCompliant());
                }
                try {
                    Vendor created = vendors.create(v.name(), metadata, ACTOR);
                    if (!created.status().wire().equals(v.status())) {
                        created = vendors.update(created.name(), created.version(), v.status(), null, ACTOR);
                    }
                    vendorIds.add(created.id());
                    vendorsByName.put(created.name(), created.id());
                } catch (WorkstateException e) {
                    failed("vendor '" + v.name() + "'", v.line(), e);
                }
            }
        }

        private void migrateWorkItems() {
            List<WorkItemEntry> entries = parsed.workItems();
            int[] parentOf = new int[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                parentOf[i] = parentIndex(entries, i);
            }
            UUID[] created = new UUID[entries.size()];
            boolean[] visiting = new boolean[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                createWorkItem(entries, parentOf, created, visiting, i);
            }
        }

        private int parentIndex(List<WorkItemEntry> entries, int i) {
            WorkItemEntry w = entries.get(i);
            if (w.parentTitle() != null) {
                // Nearest entry with that title, preferring one above (the generator lists parents first).
                for (int j = i - 1; j >= 0; j--) {
                    if (entries.get(j).title().equals(w.parentTitle())) {
                        return j;
                    }
                }
                for (int j = i + 1; j < entries.size(); j++) {
                    if (entries.get(j).title().equals(w.parentTitle())) {
                        return j;
                    }
                }
                unresolved.add(reference(w.line(), "parent", w.parentTitle()));
                return -1;
            }
            if (w.depth() > 0) {
                for (int j = i - 1; j >= 0; j--) {
                    if (entries.get(j).depth() == w.depth() - 1) {
                        return j;
                    }
                }
            }
            return -1;
        }

        private UUID createWorkItem(List<WorkItemEntry> entries, int[] parentOf, UUID[] created, boolean[] visiting,
                                    int i) {
            if (created[i] != null || visiting[i]) {
                return created[i];
            }
            visiting[i] = true;
            WorkItemEntry w = entries.get(i);
            UUID parent = parentOf[i] >= 0 ? createWorkItem(entries, parentOf, created, visiting, parentOf[i]) : null;
            Map<String, Object> metadata = new LinkedHashMap<>();
            switch (w.itemType()) {
                case "project" -> metadata.put("description", clip(w.description() != null ? w.description()
                        : w.title(), 1000));
                case "session" -> {
                    metadata.put("token_budget", defaultTokenBudget());
                    metadata.put("prompts_count", 0L);
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("schema_version", "1.0");
                    fm.put("source", "legacy_status");
                    metadata.put("yaml_frontmatter", fm);
                }
                default -> {
                }
            }
            try {
                WorkItem item = workItems.create(new NewWorkItem(w.itemType(), w.title(), w.description(), metadata,
                        parent == null ? null : parent.toString(), w.status(), w.branchName(), null, null, ACTOR));
                created[i] = item.id();
                if (w.legacyId() != null) {
                    legacyIds.put(w.legacyId(), item.id());
                }
            } catch (WorkstateException e) {
                failed(w.itemType() + " '" + w.title() + "'", w.line(), e);
            }
            return created[i];
        }

        /** The configured default, read once per run rather than once per session item. */
        private long defaultTokenBudget() {
            if (defaultTokenBudget == null) {
                defaultTokenBudget = (long) store.configuration().get().defaultTokenBudget();
            }
            return defaultTokenBudget;
        }

        private void migrateSessions() {
            for (SessionEntry s : parsed.sessions()) {
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("token_budget", s.tokenBudget());
                metadata.put("prompts_count", s.promptsCount());
                metadata.put("yaml_frontmatter", s.frontmatter());
                try {
                    WorkItem item = workItems.create(new NewWorkItem("session", s.title(), s.body(), metadata, null,
                            null, null, null, null, ACTOR));
                    if (s.legacyId() != null) {
                        legacyIds.put(s.legacyId(), item.id());
                    }
                } catch (WorkstateException e) {
                    failed("session '" + s.title() + "'", s.line(), e);
                }
            }
        }

        private void migrateDeployments() {
            for (DeploymentEntry d : parsed.deployments()) {
                Set<String> vendorRefs = new LinkedHashSet<>();
                for (String name : d.vendorNames()) {
                    UUID own = vendorsByName.get(name);
                    if (own != null) {
                        // the store's (case-insensitive) lookup of an exact stored name finds that same vendor
                        vendorRefs.add(own.toString());
                        continue;
                    }
                    var found = store.vendors().findByName(name);
                    if (found.isPresent()) {
                        vendorRefs.add(found.get().id().toString());
                    } else {
                        unresolved.add(reference(d.line(), "vendor", name));
                    }
                }
                Set<String> itemRefs = new LinkedHashSet<>();
                for (String ref : d.workItemRefs()) {
                    UUID id = legacyIds.get(ref);
                    if (id != null) {
                        itemRefs.add(id.toString());
                    } else {
                        unresolved.add(reference(d.line(), "work_item", "#" + ref));
                    }
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("pr_number", (long) d.prNumber());
                metadata.put("pr_title", d.prTitle());
                metadata.put("commit_hash", d.commitHash());
                metadata.put("test_summary", new LinkedHashMap<>(d.testSummary()));
                metadata.put("constitutional_compliance", d.constitutionalCompliance());
                try {
                    Deployment dep = deployments.record(new NewDeployment(d.deployedAt().toString(), metadata,
                            List.copyOf(vendorRefs), List.copyOf(itemRefs), ACTOR));
                    if (dep == null) {
                        throw new IllegalStateException("deployment service returned nothing");
                    }
                } catch (WorkstateException e) {
                    failed("deployment PR #" + d.prNumber(), d.line(), e);
                }
            }
        }

        private void migrateEnhancements() {
            for (EnhancementEntry e : parsed.enhancements()) {
                try {
                    Enhancement saved = enhancements.save(new EnhancementSave(null, null, e.title(),
                            e.description() != null ? e.description() : e.title(), e.priority(), "planned",
                            e.targetQuarter(), null, ACTOR));
                    if (saved == null) {
                        throw new IllegalStateException("enhancement service returned nothing");
                    }
                } catch (WorkstateException ex) {
                    failed("enhancement '" + e.title() + "'", e.line(), ex);
                }
            }
        }

        /** The five checks, read back from the store inside the transaction. */
        private void reconcile() {
            Counts migrated = counts().minus(before);
            long sessionSource = parsed.sessions().size()
                    + parsed.workItems().stream().filter(w -> w.itemType().equals("session")).count();
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("vendor_count", check(parsed.vendors().size(), migrated.vendors()));
            rec.put("deployment_history", check(parsed.deployments().size(), migrated.deployments()));
            rec.put("enhancements", check(parsed.enhancements().size(), migrated.enhancements()));
            rec.put("session_prompts", check(sessionSource, migrated.sessions()));
            rec.put("work_items", check(parsed.workItems().size() + parsed.sessions().size(), migrated.workItems()));
            report.put("reconciliation", rec);
            report.put("migrated_counts", migrated.asMap());

            long validated = (long) VENDOR_FIELDS * vendorIds.size();
            long complete = 0;
            for (Vendor stored : readBackVendors(before.vendors() + migrated.vendors())) {
                complete += completeFields(stored);
            }
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("vendors_checked", vendorIds.size());
            vm.put("fields_validated", validated);
            vm.put("fields_complete", complete);
            vm.put("completeness_percentage", percent(complete, validated));
            report.put("vendor_metadata", vm);

            long source = parsed.entriesFound().values().stream().mapToLong(Integer::longValue).sum();
            long kept = migrated.vendors() + migrated.workItems() + migrated.deployments() + migrated.enhancements();
            report.put("data_preservation_percentage", source == 0 ? 100.0 : Math.min(100.0, percent(kept, source)));

            for (Map.Entry<String, Object> e : rec.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> c = (Map<String, Object>) e.getValue();
                if (!Boolean.TRUE.equals(c.get("match"))) {
                    errors.add("reconciliation_failed: " + e.getKey() + ": source " + c.get("source") + ", migrated "
                            + c.get("migrated"));
                }
            }
            if (complete != validated) {
                errors.add("reconciliation_failed: vendor_metadata: " + complete + " of " + validated
                        + " vendor fields complete");
            }
            if (!errors.isEmpty()) {
                report.putIfAbsent("error_code", "VALIDATION_ERROR");
            }
        }

        /** This run's vendors as stored now; {@code inStore} is the store's vendor total. */
        private List<Vendor> readBackVendors(long inStore) {
            if (inStore > 2L * vendorIds.size()) {
                List<Vendor> out = new ArrayList<>(vendorIds.size());
                vendorIds.forEach(id -> store.vendors().get(id).ifPresent(out::add));
                return out;
            }
            // Mostly (on a first run: only) this run's vendors: one list read instead of one read per vendor.
            Set<UUID> ids = new HashSet<>(vendorIds);
            return store.vendors().list(null, Integer.MAX_VALUE, 0).items().stream()
                    .filter(x -> ids.contains(x.id())).toList();
        }

        private Map<String, Object> check(long source, long migrated) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("migrated", migrated);
            m.put("match", source == migrated);
            return m;
        }

        private Map<String, Object> reference(int line, String kind, String ref) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", line);
            m.put("kind", kind);
            m.put("reference", ref);
            return m;
        }
    }

    /** Number of the ten checked vendor fields that are present and valid. */
    private static int completeFields(Vendor v) {
        int n = 0;
        n += v.status() != null ? 1 : 0;
        var m = v.metadata();
        if (m != null) {
            n += m.formatSupport() != null ? 4 : 0;
            n += m.testResults() != null && m.testResults().passing() >= 0 && m.testResults().skipped() >= 0
                    && m.testResults().passing() + m.testResults().skipped() <= m.testResults().total() ? 3 : 0;
            n += m.extractorVersion() != null && !m.extractorVersion().isBlank()
                    && m.extractorVersion().equals(v.extractorVersion()) ? 1 : 0;
            n += 1; // manifest_compliant is a primitive boolean: always present
        }
        return n;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
