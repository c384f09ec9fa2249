package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.port.ServedBy;
import dev.workstate.testkit.PgTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI acceptance scenarios against a real PostgreSQL (issue 5: "CLI and MCP server work unchanged against
 * PostgreSQL"): the scenario classes 2 and 3 (locking, visibility), 7 (hierarchy) and 9 (configuration bounds) run
 * unchanged, each test in a fresh schema, with {@code --database-url --database-user --database-schema} and the
 * layer order {@code postgres} only. One more test runs the default chain (postgres, sqlite, markdown) and checks the
 * rows landed in PostgreSQL. The server is {@code WORKSTATE_TEST_PG_URL} when set, else an embedded one; no skipping.
 */
class PostgresCliAcceptanceTest {
    private static final PgTestDatabase PG = PgTestDatabase.get();

    private String schema;

    void use(String storage) {
        schema = PG.freshSchema();
        Cli.BACKEND.set(new Cli.Backend(PG.url(), PG.user(), PG.password(), schema, storage));
    }

    @BeforeEach
    void postgresOnly() {
        use("postgres");
    }

    @AfterEach
    void dropSchema() {
        Cli.BACKEND.remove();
        PG.dropSchema(schema);
    }

    private static Map<String, String> pgCredentials() {
        Map<String, String> env = new HashMap<>();
        if (PG.user() != null) {
            env.put("WORKSTATE_DATABASE_USER", PG.user());
        }
        if (PG.password() != null) {
            env.put("WORKSTATE_DATABASE_PASSWORD", PG.password());
        }
        return env;
    }

    @Nested
    class Scenario2And3Locking extends LockingScenariosCliTest {
    }

    @Nested
    class Scenario7Hierarchy extends HierarchyScenarioCliTest {
    }

    @Nested
    class Scenario9ConfigurationBounds extends ConfigEnhancementCliTest {
    }

    @Nested
    class DefaultChain {
        @TempDir
        Path home;

        @BeforeEach
        void defaultOrder() {
            PG.dropSchema(schema);
            use("postgres,sqlite,markdown");
        }

        @Test
        void postgresServesTheDefaultChain() throws SQLException {
            Cli cli = new Cli(home);
            String project = cli.project("Chain project");
            String task = cli.task("Chain task", project);
            assertThat(cli.json("item", "update", task, "--version", "1", "--status", "completed")
                    .get("version").asLong()).isEqualTo(2);
            assertThat(cli.json("item", "show", task).get("status").asString()).isEqualTo("completed");
            try (Connection c = PG.connect();
                    PreparedStatement s = c.prepareStatement("SELECT status, version FROM " + schema
                            + ".work_items WHERE CAST(id AS text) = ?")) {
                s.setString(1, task);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).as("task row in PostgreSQL schema %s", schema).isTrue();
                    assertThat(r.getString("status")).isEqualTo("completed");
                    assertThat(r.getLong("version")).isEqualTo(2);
                }
            }
            // The whole chain as the CLI opens it: the read is answered by postgres, not a fallback layer.
            WorkstateConfig config = WorkstateConfig.resolve(Map.of("data_dir", home.toString(), "database_url",
                    PG.url(), "database_schema", schema, "storage", "postgres,sqlite,markdown"), pgCredentials());
            try (Workstate ws = Workstate.open(config)) {
                assertThat(ws.store().configuration().get()).isNotNull();
                ServedBy served = ws.store().servedBy();
                assertThat(served.layer()).isEqualTo("postgres");
                assertThat(served.stale()).isFalse();
            }
        }
    }
}
