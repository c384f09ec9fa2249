package dev.workstate.storage.markdown.internal;


import dev.workstate.model.DependencyType;
import java.util.UUID;

/**
 * File names inside the store directory. Every name is built from ids (UUIDs, sequence numbers, enum wire names) only;
 * nothing from a record's content ever becomes part of a path.
 *
 * <p>Stateless; thread-safe.
 */
final class Layout {
    static final String WORK_ITEMS = "work-items";
    static final String VENDORS = "vendors";
    static final String DEPLOYMENTS = "deployments";
    static final String ENHANCEMENTS = "enhancements";
    static final String DEPENDENCIES = "dependencies";
    static final String AUDIT = "audit";
    static final String OUTBOX = "outbox";
    static final String CONFLICTS = "conflicts";
    static final String CONFIGURATION = "configuration.md";
    static final String[] DIRS = {WORK_ITEMS, VENDORS, DEPLOYMENTS, ENHANCEMENTS, DEPENDENCIES, AUDIT, OUTBOX,
        CONFLICTS};
    static final int AUDIT_SEGMENT_LINES = 10_000;

    private Layout() {
    }

    static String workItem(UUID id) {
        return WORK_ITEMS + "/" + id + ".md";
    }

    static String vendor(UUID id) {
        return VENDORS + "/" + id + ".md";
    }

    static String deployment(UUID id) {
        return DEPLOYMENTS + "/" + id + ".md";
    }

    static String enhancement(UUID id) {
        return ENHANCEMENTS + "/" + id + ".md";
    }

    static String dependency(DepKey k) {
        return DEPENDENCIES + "/" + k.sourceId() + "--" + k.type().wire() + "--" + k.targetId() + ".md";
    }

    static String auditSegment(int n) {
        return AUDIT + "/" + String.format("%06d", n) + ".jsonl";
    }

    static String outbox(long seq) {
        return OUTBOX + "/" + String.format("%012d", seq) + ".json";
    }

    static String conflict(UUID id) {
        return CONFLICTS + "/" + id + ".json";
    }

    /** The id in a {@code <uuid>.<ext>} file name, or null if the name is not one. */
    static UUID idOf(String fileName, String ext) {
        if (!fileName.endsWith(ext)) {
            return null;
        }
        try {
            String s = fileName.substring(0, fileName.length() - ext.length());
            UUID id = UUID.fromString(s);
            return id.toString().equals(s) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static DepKey dependencyKey(String fileName) {
        if (!fileName.endsWith(".md")) {
            return null;
        }
        String[] parts = fileName.substring(0, fileName.length() - 3).split("--");
        if (parts.length != 3) {
            return null;
        }
        UUID s = idOf(parts[0] + ".md", ".md");
        UUID t = idOf(parts[2] + ".md", ".md");
        DependencyType type = DependencyType.parse(parts[1]).orElse(null);
        return s == null || t == null || type == null ? null : new DepKey(s, t, type);
    }
}
