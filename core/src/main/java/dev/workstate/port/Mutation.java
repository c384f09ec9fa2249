package dev.workstate.port;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import java.time.Instant;
import java.util.UUID;

/**
 * Every change a store can make, as a value. Services validate and compute the new state, then hand mutations to
 * {@link Store#apply(Mutation)} inside a transaction. Because a mutation is a value it can also be queued in an outbox
 * and replayed, with the same version checks, into another layer.
 *
 * <p>Versioned updates carry the full new record (whose {@code version} is {@code expectedVersion + 1}); the store applies
 * them atomically only if the stored version still equals {@code expectedVersion}, else throws
 * {@link dev.workstate.error.VersionConflictException} (or {@link dev.workstate.error.NotFoundException}).
 *
 * <p>Immutable; thread-safe.
 */
public sealed interface Mutation {

    /** Inserts a new work item; a duplicate id is a {@link dev.workstate.error.DuplicateException}. */
    record InsertWorkItem(WorkItem item) implements Mutation {
    }

    /**
     * Replaces a work item if its stored version equals {@code expectedVersion} and, when {@code expectedPath} is not
     * null, its stored path still equals {@code expectedPath}; else {@link StalePathException}. The path guard is what
     * a service sets: a move of an ancestor re-paths the item without a new version, so the version alone would let an
     * update read before that move write the old path back. Copies between layers (mirroring, conflict resolution)
     * carry no guard.
     */
    record UpdateWorkItem(WorkItem item, long expectedVersion, String expectedPath) implements Mutation {
        /** An update without a path guard. */
        public UpdateWorkItem(WorkItem item, long expectedVersion) {
            this(item, expectedVersion, null);
        }
    }

    /**
     * Rewrites path prefix and depth of every strict descendant of a moved item ({@code path} starting with
     * {@code oldPath + "/"}): new path = {@code newPath} + rest, depth += {@code depthDelta}. Descendants keep their version.
     */
    record MoveSubtree(UUID rootId, String oldPath, String newPath, int depthDelta) implements Mutation {
    }

    /**
     * Takes or renews a lease: applies only if the item is unclaimed, its lease expired before {@code now}, or it is
     * held by {@code claimedBy}. {@link Store#apply} returns false when someone else holds it.
     */
    record ClaimWorkItem(UUID id, String claimedBy, Instant expiresAt, Instant now) implements Mutation {
    }

    /** Releases a lease held by {@code claimedBy}; returns false if it holds none. */
    record ReleaseClaim(UUID id, String claimedBy) implements Mutation {
    }

    record InsertDependency(Dependency dependency) implements Mutation {
    }

    record DeleteDependency(UUID sourceId, UUID targetId, DependencyType dependencyType) implements Mutation {
    }

    /** Inserts a vendor; a name equal ignoring case to an existing one is a {@link dev.workstate.error.DuplicateException}. */
    record InsertVendor(Vendor vendor) implements Mutation {
    }

    record UpdateVendor(Vendor vendor, long expectedVersion) implements Mutation {
    }

    /** Inserts a deployment and its links; unknown linked ids are a {@link dev.workstate.error.NotFoundException}. */
    record InsertDeployment(Deployment deployment) implements Mutation {
    }

    /** Replaces the configuration if its stored version equals {@code expectedVersion}. */
    record UpdateConfiguration(ProjectConfiguration configuration, long expectedVersion) implements Mutation {
    }

    record InsertEnhancement(Enhancement enhancement) implements Mutation {
    }

    record UpdateEnhancement(Enhancement enhancement, long expectedVersion) implements Mutation {
    }

    /** Appends one audit event (always in the same transaction as the change it describes). */
    record AppendAudit(AuditEvent event) implements Mutation {
    }
}
