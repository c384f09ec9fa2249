package dev.workstate.internal.service;

import com.google.inject.Inject;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.Validator;
import dev.workstate.error.VersionConflictException;
import dev.workstate.internal.Checks;
import dev.workstate.model.ContextType;
import dev.workstate.model.EntityType;
import dev.workstate.model.ItemType;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Times;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import dev.workstate.service.ConfigurationService;
import dev.workstate.service.ConfigurationUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The project-configuration use cases over a {@link Store}.
 *
 * <p>Health fields: {@link #get()} pings the store and reports the live result in the returned record without writing
 * it (a read must not turn into a write); {@link #update} stores the result of the ping it makes.
 *
 * <p>{@code current_session_id}: an id that names no item is NOT_FOUND (like every other dangling reference); an item
 * that exists but is not a live (not deleted, not archived) {@code session} is VALIDATION_ERROR.
 *
 * <p>Without an expected version, an update that races another one is retried on the new version (the caller asked for
 * "set these fields", not for a check); with one, a mismatch is VERSION_CONFLICT.
 *
 * <p>Thread-safe: stateless apart from its injected collaborators.
 */
public final class DefaultConfigurationService implements ConfigurationService {
    static final String ENTITY = "ProjectConfiguration";
    public static final int GIT_BRANCH_MAX = 100;
    public static final int TOKEN_BUDGET_MIN = 1_000;
    public static final int TOKEN_BUDGET_MAX = 1_000_000;
    private static final int RETRIES = 5;

    private final Store store;
    private final Clock clock;
    private final WorkstateConfig config;

    @Inject
    public DefaultConfigurationService(Store store, Clock clock, WorkstateConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public ProjectConfiguration get() {
        ProjectConfiguration c = store.configuration().get();
        Instant now = Times.now(clock);
        boolean healthy = ping();
        return new ProjectConfiguration(c.id(), c.activeContextType(), c.currentSessionId(), c.gitBranch(),
                c.gitHeadCommit(), c.defaultTokenBudget(), healthy, now, c.version(), c.updatedAt(), c.updatedBy());
    }

    @Override
    public ProjectConfiguration update(ConfigurationUpdate r) {
        Validator v = new Validator();
        ContextType context = null;
        if (r.activeContextType() != null) {
            if (r.activeContextType().isEmpty()) {
                v.reject("active_context_type", "cannot be cleared");
            } else {
                context = Checks.oneOf(v, "active_context_type", r.activeContextType().get(), ContextType::parse,
                        ContextType.wireNames());
            }
        }
        UUID sessionId = null;
        if (r.currentSessionId() != null && r.currentSessionId().isPresent()) {
            sessionId = Checks.uuid(v, "current_session_id", r.currentSessionId().get());
        }
        if (r.gitBranch() != null && r.gitBranch().isPresent()) {
            Checks.optionalText(v, "git_branch", r.gitBranch().get(), GIT_BRANCH_MAX, true);
        }
        if (r.gitHeadCommit() != null && r.gitHeadCommit().isPresent()) {
            Checks.commitHash(v, "git_head_commit", r.gitHeadCommit().get());
        }
        if (r.defaultTokenBudget() != null) {
            if (r.defaultTokenBudget().isEmpty()) {
                v.reject("default_token_budget", "cannot be cleared");
            } else {
                Checks.range(v, "default_token_budget", r.defaultTokenBudget().get().longValue(), TOKEN_BUDGET_MIN,
                        TOKEN_BUDGET_MAX);
            }
        }
        if (r.expectedVersion() != null) {
            v.check(r.expectedVersion() >= 1, "expected_version", "must be at least 1 (got " + r.expectedVersion()
                    + ")");
        }
        String actor = Checks.actor(v, "updated_by", r.updatedBy(), config.client());
        if (r.activeContextType() == null && r.currentSessionId() == null && r.gitBranch() == null
                && r.gitHeadCommit() == null && r.defaultTokenBudget() == null) {
            v.reject("configuration", "nothing to update: give at least one field");
        }
        v.throwIfInvalid();

        if (sessionId != null) {
            checkSession(sessionId);
        }
        ContextType newContext = context;
        UUID newSession = sessionId;
        // Pinged outside the transaction: a single-connection store would otherwise wait on itself.
        boolean healthy = ping();
        for (int attempt = 1; ; attempt++) {
            try {
                return store.inTransaction(() -> apply(r, newContext, newSession, actor, healthy));
            } catch (VersionConflictException e) {
                if (r.expectedVersion() != null || attempt >= RETRIES) {
                    throw e;
                }
            }
        }
    }

    private ProjectConfiguration apply(ConfigurationUpdate r, ContextType context, UUID sessionId, String actor,
                                       boolean healthy) {
        ProjectConfiguration c = store.configuration().get();
        if (r.expectedVersion() != null && r.expectedVersion() != c.version()) {
            throw new VersionConflictException(ENTITY, String.valueOf(c.id()), r.expectedVersion(), c.version(),
                    c.updatedBy(), c);
        }
        Instant now = Times.now(clock);
        ProjectConfiguration next = new ProjectConfiguration(c.id(),
                context != null ? context : c.activeContextType(),
                r.currentSessionId() == null ? c.currentSessionId() : sessionId,
                r.gitBranch() == null ? c.gitBranch() : r.gitBranch().orElse(null),
                r.gitHeadCommit() == null ? c.gitHeadCommit() : r.gitHeadCommit().orElse(null),
                r.defaultTokenBudget() == null ? c.defaultTokenBudget() : r.defaultTokenBudget().get(),
                healthy, now, c.version() + 1, now, actor);
        store.apply(new Mutation.UpdateConfiguration(next, c.version()));
        store.apply(Audit.append(EntityType.CONFIGURATION, String.valueOf(c.id()), "update", actor, now, c, next));
        return next;
    }

    private void checkSession(UUID id) {
        Optional<WorkItem> item = store.workItems().get(id);
        if (item.isEmpty()) {
            throw new NotFoundException("WorkItem", id.toString());
        }
        WorkItem w = item.get();
        Validator v = new Validator();
        if (w.itemType() != ItemType.SESSION) {
            v.reject("current_session_id", "must name a session item (got a " + w.itemType().wire() + ")");
        } else if (w.isDeleted()) {
            v.reject("current_session_id", "names a deleted session");
        } else if (w.isArchived()) {
            v.reject("current_session_id", "names an archived session");
        }
        v.throwIfInvalid();
    }

    private boolean ping() {
        try {
            store.ping();
            return true;
        } catch (StorageUnavailableException e) {
            return false;
        }
    }
}
