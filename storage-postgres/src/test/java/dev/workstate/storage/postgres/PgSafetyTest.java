package dev.workstate.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.ErrorCode;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.WorkstateException;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Store;
import dev.workstate.service.ConfigurationUpdate;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.NewDeployment;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.testkit.Fixtures;
import dev.workstate.testkit.PgTestDatabase;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL safety: every value reaches SQL as a bound parameter (injection strings are stored verbatim), only
 * connectivity failures become STORAGE_UNAVAILABLE and a dead server costs about the connect timeout, passwords never
 * show in errors, status or logs, and a database built only by the migrations takes every status value and has its
 * configuration row (the old system's §8.2 bugs).
 */
class PgSafetyTest {
    static final PgTestDatabase DB = PgTestDatabase.get();
    static final List<String> HOSTILE = List.of(
            "'; DROP TABLE work_items; --",
            "\" OR 1=1 --",
            "Robert'); DELETE FROM vendors WHERE ('1'='1",
            "$$; SELECT pg_sleep(10); $$",
            "\\'; TRUNCATE audit_events; --",
            "E'\\x00' || chr(39)",
            "/* comment */ UNION SELECT * FROM pg_shadow --",
            "%_%' ESCAPE '\\");

    @TempDir
    Path dir;

    @Test
    void injectionStringsAreStoredVerbatimThroughEveryTextField() {
        String schema = DB.freshSchema();
        WorkstateConfig config = DB.config(dir, schema);
        try (Workstate ws = Workstate.over(PostgresStore.open(config), config, Clock.systemUTC())) {
            WorkItem session = ws.workItems().create(Fixtures.item("session", "session"));
            for (String evil : HOSTILE) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("blocked_reason", evil);
                WorkItem w = ws.workItems().create(new NewWorkItem("task", evil, evil, meta, null, null,
                        evil.length() > 100 ? evil.substring(0, 100) : evil, null, null, "agent"));
                WorkItem read = ws.workItems().get(w.id().toString());
                assertThat(read.title()).isEqualTo(evil);
                assertThat(read.description()).isEqualTo(evil);
                assertThat(read.metadata().get("blocked_reason")).isEqualTo(evil);
                assertThat(read.branchName()).isEqualTo(w.branchName());
                WorkItem updated = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), read.version())
                        .title(evil + "!").updatedBy("agent").build());
                assertThat(ws.workItems().get(w.id().toString()).title()).isEqualTo(evil + "!");
                assertThat(updated.version()).isEqualTo(2);
                // search with hostile text: words only reach the query, nothing else
                ws.workItems().list(new dev.workstate.service.WorkItemQuery(null, null, null, false, false, evil,
                        false, false, 10, 0, null));

                Enhancement e = ws.enhancements().save(new EnhancementSave(null, null, evil, evil, 2, null, null,
                        List.of(evil), "agent"));
                Enhancement er = ws.enhancements().get(e.id().toString());
                assertThat(er.title()).isEqualTo(evil);
                assertThat(er.description()).isEqualTo(evil);
                assertThat(er.constitutionalPrinciples()).containsExactly(evil);

                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("pr_number", 7L);
                dm.put("pr_title", evil);
                dm.put("commit_hash", Fixtures.COMMIT);
                dm.put("test_summary", Map.of("unit", 1L));
                dm.put("constitutional_compliance", true);
                Deployment d = ws.deployments().record(new NewDeployment("2025-01-01T00:00:00Z", dm, List.of(),
                        List.of(w.id().toString()), "agent"));
                assertThat(ws.deployments().get(d.id().toString()).deployment().metadata().prTitle()).isEqualTo(evil);

                ProjectConfiguration before = ws.configuration().get();
                String branch = evil.length() > 100 ? evil.substring(0, 100) : evil;
                ProjectConfiguration after = ws.configuration().update(new ConfigurationUpdate(null, null,
                        Optional.of(branch), null, null, before.version(), "agent"));
                assertThat(after.gitBranch()).isEqualTo(branch);
            }
            // the tables are all still there and intact
            assertThat(ws.workItems().get(session.id().toString()).title()).isEqualTo("session");
            assertThat(ws.vendors().list(null, 100, 0).items()).isEmpty();
        } finally {
            DB.dropSchema(schema);
        }
    }

    @Test
    void aDeadServerIsUnavailableWithinTheConnectTimeoutAndThePasswordNeverShows() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String password = "pw-that-must-never-show-9f3c";
        WorkstateConfig config = WorkstateConfig.builder()
                .dataDir(dir)
                .databaseUrl("jdbc:postgresql://127.0.0.1:" + port + "/nowhere")
                .databaseUser("someone")
                .databasePassword(password)
                .storageOrder(List.of("postgres"))
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new PostgresStorageProvider().open(config))
                    .isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                        assertThat(e.getMessage()).doesNotContain(password).startsWith("postgres unavailable");
                        assertThat(e.details().toString()).doesNotContain(password);
                    });
            long millis = (System.nanoTime() - start) / 1_000_000;
            // Functional bound, not a benchmark: far below Hikari's 30 s default wait.
            assertThat(millis).isLessThan(10_000);
            assertThat(config.toString()).doesNotContain(password);
        } finally {
            root.detachAppender(logs);
        }
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(password);
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(password);
            }
        }
    }

    @Test
    void domainFailuresKeepTheirCodesOnPostgres() {
        String schema = DB.freshSchema();
        WorkstateConfig config = DB.config(dir, schema);
        try (Workstate ws = Workstate.over(PostgresStore.open(config), config, Clock.systemUTC())) {
            ws.vendors().create("Acme", null, "agent");
            assertThatThrownBy(() -> ws.vendors().create("ACME", null, "agent"))
                    .isInstanceOfSatisfying(WorkstateException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));
            assertThatThrownBy(() -> ws.deployments().record(new NewDeployment("2025-01-01T00:00:00Z",
                    Map.of("pr_number", 1L, "pr_title", "t", "commit_hash", Fixtures.COMMIT, "test_summary",
                            Map.of(), "constitutional_compliance", true),
                    List.of("01a21641-b7ef-7000-862a-b324086520e1"), List.of(), "agent")))
                    .isInstanceOfSatisfying(WorkstateException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            WorkItem w = ws.workItems().create(Fixtures.item("task", "t"));
            assertThatThrownBy(() -> ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), 7L)
                    .title("x").build()))
                    .isInstanceOfSatisfying(WorkstateException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT));
        } finally {
            DB.dropSchema(schema);
        }
    }

    @Test
    void aDatabaseBuiltOnlyByTheMigrationsTakesEveryStatusAndHasItsConfiguration() throws Exception {
        String schema = DB.freshSchema();
        WorkstateConfig config = DB.config(dir, schema);
        try (Store store = PostgresStore.open(config)) {
            assertThat(store.configuration().get().defaultTokenBudget()).isEqualTo(200_000);
            assertThat(store.configuration().get().activeContextType().wire()).isEqualTo("feature");
        }
        try (Workstate ws = Workstate.open(config)) {
            assertThat(ws.configuration().get().version()).isEqualTo(1);
            WorkItem w = ws.workItems().create(Fixtures.item("task", "every status"));
            long version = w.version();
            for (WorkItemStatus status : WorkItemStatus.values()) {
                WorkItem u = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), version)
                        .status(status.wire()).build());
                assertThat(u.status()).isEqualTo(status);
                version = u.version();
            }
        }
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".project_configuration")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        } finally {
            DB.dropSchema(schema);
        }
    }
}
