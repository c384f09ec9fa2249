package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.ErrorCode;
import dev.workstate.error.VersionConflictException;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.ContextType;
import dev.workstate.model.EntityType;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.WorkItem;
import dev.workstate.service.ConfigurationService;
import dev.workstate.service.ConfigurationUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Contract of the project configuration: it exists with defaults on a fresh store (a bug of reference §8.2), reads
 * report live health without writing, updates change any subset with optimistic locking (not done by the reference),
 * {@code current_session_id} must name a live session, every bound of reference scenario 9, nulls clear nullable fields,
 * and every change is audited.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class ConfigurationContract extends WorkItemSupport {

    protected ConfigurationService configuration() {
        return ws.configuration();
    }

    /** An update of only the fields given as non-null arguments (an empty Optional clears). */
    protected static ConfigurationUpdate change(Optional<String> context, Optional<String> session,
                                                Optional<String> branch, Optional<String> head,
                                                Optional<Integer> budget, Long expected, String by) {
        return new ConfigurationUpdate(context, session, branch, head, budget, expected, by);
    }

    protected static ConfigurationUpdate budget(int value) {
        return change(null, null, null, null, Optional.of(value), null, null);
    }

    private long[] configSnapshot() {
        return new long[] {store.configuration().get().version(), store.audit().count()};
    }

    @Test
    void existsWithDefaultsOnAFreshStore() {
        ProjectConfiguration c = configuration().get();
        assertThat(c.id()).isEqualTo(1);
        assertThat(c.activeContextType()).isEqualTo(ContextType.FEATURE);
        assertThat(c.defaultTokenBudget()).isEqualTo(200_000);
        assertThat(c.currentSessionId()).isNull();
        assertThat(c.gitBranch()).isNull();
        assertThat(c.gitHeadCommit()).isNull();
        assertThat(c.databaseHealthy()).isTrue();
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.updatedAt()).isNotNull();
        assertThat(c.updatedBy()).isNotBlank();
        assertThat(Json.toMap(c).keySet()).contains("id", "active_context_type", "current_session_id", "git_branch",
                "git_head_commit", "default_token_budget", "database_healthy", "last_health_check_at", "version",
                "updated_at", "updated_by");
    }

    @Test
    void readsReportLiveHealthWithoutWriting() {
        long[] before = configSnapshot();
        ProjectConfiguration first = configuration().get();
        clock.advance(Duration.ofMinutes(3));
        ProjectConfiguration second = configuration().get();
        assertThat(second.databaseHealthy()).isTrue();
        assertThat(second.lastHealthCheckAt()).isEqualTo(clock.instant());
        assertThat(second.lastHealthCheckAt()).isAfter(first.lastHealthCheckAt());
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(configSnapshot()).containsExactly(before);
    }

    @Test
    void updatesAnySubsetBumpingTheVersionAndStoringTheUpdater() {
        ProjectConfiguration start = configuration().get();
        clock.advance(Duration.ofSeconds(10));
        Instant now = clock.instant();
        ProjectConfiguration c = configuration().update(change(Optional.of("maintenance"), null,
                Optional.of("feature/003-tracking"), Optional.of(Fixtures.COMMIT), null, null, "claude-desktop"));
        assertThat(c.activeContextType()).isEqualTo(ContextType.MAINTENANCE);
        assertThat(c.gitBranch()).isEqualTo("feature/003-tracking");
        assertThat(c.gitHeadCommit()).isEqualTo(Fixtures.COMMIT);
        assertThat(c.defaultTokenBudget()).isEqualTo(200_000);
        assertThat(c.version()).isEqualTo(start.version() + 1);
        assertThat(c.updatedAt()).isEqualTo(now);
        assertThat(c.updatedBy()).isEqualTo("claude-desktop");
        assertThat(c.databaseHealthy()).isTrue();
        assertThat(c.lastHealthCheckAt()).isEqualTo(now);

        ProjectConfiguration stored = store.configuration().get();
        assertThat(stored.activeContextType()).isEqualTo(ContextType.MAINTENANCE);
        assertThat(stored.gitBranch()).isEqualTo("feature/003-tracking");
        assertThat(stored.version()).isEqualTo(c.version());
        assertThat(stored.updatedBy()).isEqualTo("claude-desktop");

        ProjectConfiguration next = configuration().update(budget(150_000));
        assertThat(next.version()).isEqualTo(c.version() + 1);
        assertThat(next.activeContextType()).isEqualTo(ContextType.MAINTENANCE);
        assertThat(next.gitBranch()).isEqualTo("feature/003-tracking");
        assertThat(next.defaultTokenBudget()).isEqualTo(150_000);
        assertThat(next.updatedBy()).isEqualTo(WorkstateConfig.DEFAULT_CLIENT);

        List<AuditEvent> history = store.audit().history(EntityType.CONFIGURATION, "1");
        assertThat(history).extracting(AuditEvent::operation).endsWith("update", "update");
        AuditEvent last = history.get(history.size() - 1);
        assertThat(last.actor()).isEqualTo(WorkstateConfig.DEFAULT_CLIENT);
        assertThat(Json.mapper().readTree(last.after()).get("default_token_budget").asInt()).isEqualTo(150_000);
        assertThat(Json.mapper().readTree(last.before()).get("default_token_budget").asInt()).isEqualTo(200_000);
    }

    @Test
    void expectedVersionIsCheckedOptimistically() {
        long v1 = configuration().get().version();
        configuration().update(change(null, null, Optional.of("main"), null, null, v1, "client-a"));
        long[] before = configSnapshot();
        VersionConflictException e = (VersionConflictException) expectError(ErrorCode.VERSION_CONFLICT,
                () -> configuration().update(change(null, null, Optional.of("other"), null, null, v1, "client-b")));
        assertThat(e.expectedVersion()).isEqualTo(v1);
        assertThat(e.currentVersion()).isEqualTo(v1 + 1);
        assertThat(e.details()).containsEntry("entity_type", "ProjectConfiguration")
                .containsEntry("last_updated_by", "client-a");
        assertThat(configSnapshot()).containsExactly(before);
        assertThat(configuration().get().gitBranch()).isEqualTo("main");
        assertThat(configuration().update(change(null, null, Optional.of("other"), null, null, v1 + 1, null))
                .version()).isEqualTo(v1 + 2);
    }

    @Test
    void concurrentUpdatesWithoutExpectedVersionAllApply() throws Exception {
        long start = configuration().get().version();
        List<Object> results = race(4, i -> () -> configuration().update(budget(10_000 + i)));
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(ProjectConfiguration.class));
        assertThat(configuration().get().version()).isEqualTo(start + 4);
    }

    @Test
    void currentSessionMustNameALiveSession() {
        WorkItem project = create("project", "Feature");
        WorkItem session = child("session", "Session 1", project);
        WorkItem task = child("task", "Task", session);

        ProjectConfiguration c = configuration().update(change(null, Optional.of(session.id().toString()), null, null,
                null, null, null));
        assertThat(c.currentSessionId()).isEqualTo(session.id());
        assertThat(store.configuration().get().currentSessionId()).isEqualTo(session.id());

        long[] before = configSnapshot();
        assertThat(rejectedFields(() -> configuration().update(change(null, Optional.of(task.id().toString()), null,
                null, null, null, null)))).containsExactly("current_session_id");
        assertThat(rejectedFields(() -> configuration().update(change(null, Optional.of(project.id().toString()),
                null, null, null, null, null)))).containsExactly("current_session_id");
        assertThat(rejectedFields(() -> configuration().update(change(null, Optional.of("not-a-uuid"), null, null,
                null, null, null)))).containsExactly("current_session_id");
        String ghost = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        WorkstateException missing = expectError(ErrorCode.NOT_FOUND, () -> configuration().update(change(null,
                Optional.of(ghost), null, null, null, null, null)));
        assertThat(missing.getMessage()).contains(ghost);

        WorkItem other = child("session", "Session 2", project);
        items().update(Fixtures.update(other.id(), other.version()).deletedAt("NOW()").build());
        before = configSnapshot();
        assertThat(rejectedFields(() -> configuration().update(change(null, Optional.of(other.id().toString()), null,
                null, null, null, null)))).containsExactly("current_session_id");
        assertThat(configSnapshot()).containsExactly(before);
        assertThat(configuration().get().currentSessionId()).isEqualTo(session.id());
    }

    @Test
    void emptyOptionalsClearNullableFields() {
        WorkItem session = create("session", "Session");
        configuration().update(change(null, Optional.of(session.id().toString()), Optional.of("main"),
                Optional.of(Fixtures.COMMIT), null, null, null));
        ProjectConfiguration cleared = configuration().update(change(null, Optional.empty(), Optional.empty(),
                Optional.empty(), null, null, null));
        assertThat(cleared.currentSessionId()).isNull();
        assertThat(cleared.gitBranch()).isNull();
        assertThat(cleared.gitHeadCommit()).isNull();
        ProjectConfiguration stored = store.configuration().get();
        assertThat(stored.currentSessionId()).isNull();
        assertThat(stored.gitBranch()).isNull();
        assertThat(stored.gitHeadCommit()).isNull();
        assertThat(rejectedFields(() -> configuration().update(change(Optional.empty(), null, null, null,
                Optional.empty(), null, null)))).containsExactlyInAnyOrder("active_context_type",
                "default_token_budget");
    }

    @Test
    void scenario9ConfigurationBounds() {
        long[] before = configSnapshot();
        assertThat(rejectedFields(() -> configuration().update(budget(999)))).containsExactly("default_token_budget");
        assertThat(rejectedFields(() -> configuration().update(budget(1_000_001))))
                .containsExactly("default_token_budget");
        assertThat(rejectedFields(() -> configuration().update(change(null, null, null, Optional.of("ABC"), null,
                null, null)))).containsExactly("git_head_commit");
        assertThat(rejectedFields(() -> configuration().update(change(null, null, null,
                Optional.of(Fixtures.COMMIT.toUpperCase()), null, null, null)))).containsExactly("git_head_commit");
        assertThat(rejectedFields(() -> configuration().update(change(null, null, null,
                Optional.of(Fixtures.COMMIT + "0"), null, null, null)))).containsExactly("git_head_commit");
        assertThat(rejectedFields(() -> configuration().update(change(null, null, Optional.of("b".repeat(101)), null,
                null, null, null)))).containsExactly("git_branch");
        assertThat(rejectedFields(() -> configuration().update(change(Optional.of("hotfix"), null, null, null, null,
                null, null)))).containsExactly("active_context_type");
        assertThat(rejectedFields(() -> configuration().update(change(null, null, Optional.of("main"), null, null,
                null, "u".repeat(101))))).containsExactly("updated_by");
        assertThat(rejectedFields(() -> configuration().update(change(null, null, null, null, null, null, null))))
                .containsExactly("configuration");
        assertThat(configSnapshot()).containsExactly(before);

        assertThat(configuration().update(budget(1_000)).defaultTokenBudget()).isEqualTo(1_000);
        assertThat(configuration().update(budget(1_000_000)).defaultTokenBudget()).isEqualTo(1_000_000);
        assertThat(configuration().update(change(null, null, Optional.of("b".repeat(100)), null, null, null,
                "u".repeat(100))).gitBranch()).hasSize(100);
        for (String context : List.of("feature", "maintenance", "research")) {
            assertThat(configuration().update(change(Optional.of(context), null, null, null, null, null, null))
                    .activeContextType().wire()).isEqualTo(context);
        }
        ProjectConfiguration c = configuration().get();
        assertThat(c.id()).as("the singleton's id is always 1").isEqualTo(1);
        assertThat(Json.toMap(c)).containsEntry("id", 1L);
        assertThat(Map.of("version", c.version())).containsEntry("version", 1L + 6);
    }
}
