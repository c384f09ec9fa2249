package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code config show|set} with the configuration bounds of scenario 9, and {@code enhancement add|update|list}. */
class ConfigEnhancementCliTest {

    @TempDir
    Path home;

    @Test
    void freshStoreHasDefaults() {
        Cli cli = new Cli(home);
        JsonNode c = cli.json("config", "show");
        assertThat(c.get("id").asInt()).isEqualTo(1);
        assertThat(c.get("active_context_type").asString()).isEqualTo("feature");
        assertThat(c.get("default_token_budget").asInt()).isEqualTo(200_000);
        assertThat(c.get("current_session_id").isNull()).isTrue();
        Cli.Result human = cli.run("config", "show");
        assertThat(human.out()).contains("context", "feature", "token budget", "200000");
    }

    @Test
    void setAndConfigurationBounds() {
        Cli cli = new Cli(home);
        String session = cli.create("session", "S", "--meta-json",
                "{\"token_budget\":1000,\"prompts_count\":0,\"yaml_frontmatter\":{\"schema_version\":\"1\"}}");
        String task = cli.task("T", null);
        String sha = "b".repeat(40);
        JsonNode set = cli.json("--by", "lead", "config", "set", "--context", "maintenance", "--session", session,
                "--branch", "main", "--commit", sha, "--token-budget", "1000");
        assertThat(set.get("active_context_type").asString()).isEqualTo("maintenance");
        assertThat(set.get("current_session_id").asString()).isEqualTo(session);
        assertThat(set.get("git_head_commit").asString()).isEqualTo(sha);
        assertThat(set.get("updated_by").asString()).isEqualTo("lead");
        long version = set.get("version").asLong();
        assertThat(cli.json("config", "set", "--token-budget", "1000000").get("default_token_budget").asInt())
                .isEqualTo(1_000_000);

        String before = withoutHealth(cli.json("config", "show"));
        String[][] bad = {
            {"default_token_budget", "--token-budget", "999"},
            {"default_token_budget", "--token-budget", "1000001"},
            {"git_head_commit", "--commit", "abc"},
            {"git_head_commit", "--commit", sha.toUpperCase()},
            {"git_branch", "--branch", "b".repeat(101)},
            {"active_context_type", "--context", "holiday"},
            {"current_session_id", "--session", task},
            {"updated_by", "--by", "u".repeat(101), "--context", "research"},
        };
        for (String[] c : bad) {
            List<String> args = new ArrayList<>(List.of("config", "set"));
            args.addAll(List.of(c).subList(1, c.length));
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + r.err()).isEqualTo(3);
            assertThat(r.err()).startsWith("error: VALIDATION_ERROR ").contains(c[0]);
        }
        Cli.Result missingSession = cli.run("config", "set", "--session", "01900000-0000-7000-8000-000000000000");
        assertThat(missingSession.code()).isIn(3, 4);
        Cli.Result stale = cli.run("config", "set", "--version", Long.toString(version), "--context", "research");
        assertThat(stale.code()).isEqualTo(5);
        assertThat(stale.err()).startsWith("error: VERSION_CONFLICT ");
        JsonNode now = cli.json("config", "show");
        assertThat(withoutHealth(now)).isEqualTo(before);

        JsonNode cleared = cli.json("config", "set", "--clear", "session,branch,commit", "--version",
                Long.toString(now.get("version").asLong()));
        assertThat(cleared.get("current_session_id").isNull()).isTrue();
        assertThat(cleared.get("git_branch").isNull()).isTrue();
        assertThat(cleared.get("git_head_commit").isNull()).isTrue();
        assertThat(cli.run("config", "set", "--clear", "context").code()).isEqualTo(2);
    }

    /** The configuration without the health fields, which the store refreshes on every read. */
    private static String withoutHealth(JsonNode config) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) config.deepCopy();
        copy.remove("last_health_check_at");
        copy.remove("database_healthy");
        return copy.toString();
    }

    @Test
    void enhancements() {
        Cli cli = new Cli(home);
        JsonNode low = cli.json("enhancement", "add", "--title", "Low", "--description", "later", "--priority", "5",
                "--quarter", "2026-Q4");
        JsonNode high = cli.json("enhancement", "add", "--title", "High", "--description", "soon", "--priority", "1",
                "--quarter", "2026-Q2", "--principle", "Simplicity", "--principle", "Observability");
        assertThat(high.get("status").asString()).isEqualTo("planned");
        assertThat(high.get("constitutional_principles")).hasSize(2);
        cli.json("enhancement", "add", "--title", "High later", "--description", "x", "--priority", "1",
                "--quarter", "2026-Q3");
        JsonNode list = cli.json("enhancement", "list");
        assertThat(list.get("items").findValuesAsString("title")).containsExactly("High", "High later", "Low");
        Cli.Result table = cli.run("enhancement", "list");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("PRIORITY");

        String id = low.get("id").asString();
        JsonNode updated = cli.json("enhancement", "update", id, "--status", "approved", "--priority", "2");
        assertThat(updated.get("version").asLong()).isEqualTo(2);
        assertThat(updated.get("title").asString()).isEqualTo("Low");
        assertThat(cli.json("enhancement", "list", "--status", "approved").get("total_count").asLong()).isEqualTo(1);
        Cli.Result stale = cli.run("enhancement", "update", id, "--version", "1", "--title", "x");
        assertThat(stale.code()).isEqualTo(5);

        for (String[] c : new String[][] {{"priority", "--priority", "0"}, {"priority", "--priority", "6"},
            {"target_quarter", "--quarter", "2026-Q5"}, {"title", "--title", "t".repeat(201)},
            {"status", "--status", "someday"}}) {
            List<String> args = new ArrayList<>(List.of("enhancement", "add", "--description", "d"));
            if (!c[0].equals("title")) {
                args.addAll(List.of("--title", "ok"));
            }
            args.addAll(List.of(c).subList(1, c.length));
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + r.err()).isEqualTo(3);
            assertThat(r.err()).contains(c[0]);
        }
        assertThat(cli.json("enhancement", "list").get("total_count").asLong()).isEqualTo(3);
        assertThat(cli.run("enhancement", "update", "01900000-0000-7000-8000-000000000000", "--title", "x").code())
                .isEqualTo(4);
    }
}
