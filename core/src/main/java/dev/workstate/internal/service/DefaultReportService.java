package dev.workstate.internal.service;

import com.google.inject.Inject;
import dev.workstate.error.ValidationException;
import dev.workstate.error.Validator;
import dev.workstate.internal.Checks;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.Times;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItemOutline;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.port.Store;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.report.JsonReportRenderer;
import dev.workstate.report.MarkdownReportRenderer;
import dev.workstate.report.StatusReport;
import dev.workstate.report.StatusReportBuilder;
import dev.workstate.service.ReportService;
import dev.workstate.service.StatusReportResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status-report use case: loads everything the report shows in one read transaction with a handful of queries
 * (all vendors, the outlines of all live items, two counts for the archived items, the newest deployments, all enhancements; plus one
 * for parents that are no longer live, only if there are any), builds the {@link StatusReport} model and renders it. Writing a file goes
 * through a temporary file in the same directory and an atomic rename, so readers never see half a report.
 *
 * <p>Thread-safe: stateless apart from its injected collaborators.
 */
public final class DefaultReportService implements ReportService {
    public static final int DEFAULT_RECENT_DEPLOYMENTS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DefaultReportService.class);

    private final Store store;
    private final Clock clock;
    private final MarkdownReportRenderer markdown = new MarkdownReportRenderer();
    private final JsonReportRenderer json = new JsonReportRenderer();

    @Inject
    public DefaultReportService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public StatusReportResult generate(String format, String at, String writePath, Integer recentDeployments) {
        Validator v = new Validator();
        String f = format == null ? "markdown" : format;
        v.check(f.equals("markdown") || f.equals("json"), "format",
                "must be one of markdown, json (got '" + f + "')");
        Instant now = Times.now(clock);
        Instant stamp = at == null ? now : Times.truncate(Checks.instant(v, "at", at, now, true));
        int recent = recentDeployments == null ? DEFAULT_RECENT_DEPLOYMENTS : recentDeployments;
        v.check(recent >= 1 && recent <= 100, "recent_deployments", "must be between 1 and 100 (got " + recent + ")");
        Path target = null;
        if (writePath != null) {
            if (writePath.isBlank()) {
                v.reject("output", "must not be blank");
            } else {
                try {
                    target = Path.of(writePath).toAbsolutePath().normalize();
                } catch (InvalidPathException e) {
                    v.reject("output", "is not a valid file path");
                }
            }
        }
        v.throwIfInvalid();

        StatusReport report = load(stamp, recent);
        String text;
        StatusReportResult result;
        if (f.equals("json")) {
            Map<String, Object> map = json.toMap(report);
            text = target == null ? null : json.render(report);
            result = new StatusReportResult("json", null, map, target == null ? null : target.toString());
        } else {
            text = markdown.render(report);
            result = new StatusReportResult("markdown", text, null, target == null ? null : target.toString());
        }
        if (target != null) {
            write(target, text);
        }
        return result;
    }

    /** Builds the report model at {@code at} with the {@code recent} newest deployments. */
    public StatusReport load(Instant at, int recent) {
        return store.inTransaction(() -> {
            List<Vendor> vendors = store.vendors().list(null, Integer.MAX_VALUE, 0).items();
            // Outlines, not records: the report prints a handful of fields per item, and reading whole records (with
            // their metadata JSON parsed) made the report's cost and garbage grow with everything stored per item.
            List<WorkItemOutline> items = store.workItems().liveOutlines();
            // Archived = all items minus the not-archived ones (deleted included): both counts stay on cheap plans,
            // where "not deleted, archived" would make SQLite sort every live row to page one of them.
            WorkItemFilter notArchived = new WorkItemFilter(null, null, null, false, false, null, true, false, null,
                    at, 1, 0);
            long archived = Math.max(0, store.workItems().count() - store.workItems().list(notArchived).totalCount());
            List<Deployment> deployments =
                    store.deployments().list(new DeploymentFilter(null, null, null, recent, 0)).items();
            List<Enhancement> enhancements = store.enhancements().list(null, Integer.MAX_VALUE, 0).items();

            Set<UUID> live = new HashSet<>(items.size() * 2);
            items.forEach(w -> live.add(w.id()));
            Set<UUID> missing = new HashSet<>();
            for (WorkItemOutline w : items) {
                if (w.parentId() != null && !live.contains(w.parentId())) {
                    missing.add(w.parentId());
                }
            }
            Map<UUID, String> outside = new HashMap<>();
            if (!missing.isEmpty()) {
                store.workItems().getAll(missing).forEach(w -> outside.put(w.id(), w.title()));
            }
            return StatusReportBuilder.fromOutlines(at, vendors, items, outside, archived, deployments, enhancements);
        });
    }

    private static void write(Path target, String text) {
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // createTempFile makes the file owner-only; a report is meant to be shared like any file in the repo.
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the defaults
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | SecurityException e) {
            LOG.warn("could not write the status report to {}", target, e);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and harmless
                }
            }
            throw ValidationException.of("output", "cannot be written (" + e.getClass().getSimpleName() + ")");
        }
    }
}
