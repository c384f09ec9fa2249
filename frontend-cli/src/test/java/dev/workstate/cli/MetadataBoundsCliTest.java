package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference's scenario 9 through the CLI: every metadata and field bound on both sides of the limit; each
 * rejected input is exit 3 with one line naming the field, and leaves the store unchanged.
 */
class MetadataBoundsCliTest {

    private static final String SESSION_OK = "\"prompts_count\":0,\"yaml_frontmatter\":{\"schema_version\":\"1.0\"}";

    @TempDir
    Path home;

    /** One create: the arguments after {@code item create}, and the field named on failure (null = accepted). */
    private record Case(String field, String... args) {
    }

    private static Case ok(String... args) {
        return new Case(null, args);
    }

    private static Case bad(String field, String... args) {
        return new Case(field, args);
    }

    private static String[] meta(String type, String json) {
        return new String[] {"--type", type, "--title", type + " item", "--meta-json", json};
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    @Test
    void workItemMetadataBounds() {
        List<Case> cases = new ArrayList<>();
        cases.add(bad("token_budget", meta("session", "{\"token_budget\":999," + SESSION_OK + "}")));
        cases.add(ok(meta("session", "{\"token_budget\":1000," + SESSION_OK + "}")));
        cases.add(ok(meta("session", "{\"token_budget\":1000000," + SESSION_OK + "}")));
        cases.add(bad("token_budget", meta("session", "{\"token_budget\":1000001," + SESSION_OK + "}")));
        cases.add(bad("token_budget", meta("session", "{\"token_budget\":\"200000\"," + SESSION_OK + "}")));
        cases.add(bad("schema_version", meta("session",
                "{\"token_budget\":1000,\"prompts_count\":0,\"yaml_frontmatter\":{\"mode\":\"x\"}}")));
        cases.add(bad("prompts_count", meta("session",
                "{\"token_budget\":1000,\"prompts_count\":-1,\"yaml_frontmatter\":{\"schema_version\":\"1\"}}")));
        cases.add(bad("token_budget", meta("session", "{" + SESSION_OK + "}")));
        cases.add(bad("estimated_hours", meta("task", "{\"estimated_hours\":-0.1}")));
        cases.add(ok(meta("task", "{\"estimated_hours\":0}")));
        cases.add(ok(meta("task", "{\"estimated_hours\":1000}")));
        cases.add(bad("estimated_hours", meta("task", "{\"estimated_hours\":1000.1}")));
        cases.add(bad("actual_hours", meta("task", "{\"actual_hours\":-0.1}")));
        cases.add(bad("actual_hours", meta("task", "{\"actual_hours\":1000.1}")));
        cases.add(ok(meta("task", "{\"blocked_reason\":" + q("r".repeat(500)) + "}")));
        cases.add(bad("blocked_reason", meta("task", "{\"blocked_reason\":" + q("r".repeat(501)) + "}")));
        cases.add(ok(meta("project", "{\"description\":" + q("d".repeat(1000)) + "}")));
        cases.add(bad("description", meta("project", "{\"description\":" + q("d".repeat(1001)) + "}")));
        cases.add(bad("description", meta("project", "{}")));
        for (int quarter = 1; quarter <= 4; quarter++) {
            cases.add(ok(meta("project", "{\"description\":\"d\",\"target_quarter\":\"2025-Q" + quarter + "\"}")));
        }
        cases.add(bad("target_quarter", meta("project", "{\"description\":\"d\",\"target_quarter\":\"2025-Q5\"}")));
        cases.add(bad("target_quarter", meta("project", "{\"description\":\"d\",\"target_quarter\":\"Q1-2025\"}")));
        cases.add(ok(meta("research", "{\"findings_summary\":" + q("f".repeat(2000)) + "}")));
        cases.add(bad("findings_summary", meta("research", "{\"findings_summary\":" + q("f".repeat(2001)) + "}")));
        cases.add(bad("token_budget", meta("task", "{\"token_budget\":200000}")));
        cases.add(bad("metadata", meta("task", "[1,2]")));
        cases.add(ok("--type", "task", "--title", "t".repeat(200)));
        cases.add(bad("title", "--type", "task", "--title", "t".repeat(201)));
        cases.add(bad("title", "--type", "task", "--title", "   "));
        cases.add(ok("--type", "task", "--title", "b", "--branch", "b".repeat(100)));
        cases.add(bad("branch_name", "--type", "task", "--title", "b", "--branch", "b".repeat(101)));
        cases.add(bad("commit_hash", "--type", "task", "--title", "c", "--commit", "A".repeat(40)));
        cases.add(bad("commit_hash", "--type", "task", "--title", "c", "--commit", "a".repeat(39)));
        cases.add(bad("pr_number", "--type", "task", "--title", "p", "--pr", "0"));
        cases.add(bad("description", "--type", "task", "--title", "d", "--description", "d".repeat(10_001)));
        cases.add(bad("item_type", "--type", "epic", "--title", "e"));
        cases.add(bad("status", "--type", "task", "--title", "s", "--status", "done"));

        Cli cli = new Cli(home);
        int accepted = 0;
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            List<String> args = new ArrayList<>(List.of("item", "create"));
            args.addAll(List.of(c.args()));
            Cli.Result r = cli.run(args.toArray(String[]::new));
            String what = String.join(" ", args).replaceAll("(.)\\1{20,}", "$1…");
            if (c.field() == null) {
                soft.assertThat(r.code()).as(what + " -> " + r.err()).isZero();
                accepted++;
            } else {
                soft.assertThat(r.code()).as(what).isEqualTo(3);
                soft.assertThat(r.err()).as(what).startsWith("error: VALIDATION_ERROR ").contains(c.field());
                soft.assertThat(r.err().lines().count()).as(what).isEqualTo(1);
                soft.assertThat(r.out()).as(what).isEmpty();
            }
        }
        soft.assertThat(cli.json("item", "list", "--limit", "1").get("total_count").asLong()).isEqualTo(accepted);
        soft.assertAll();
    }

    @Test
    void clientAndPagingBounds() {
        Cli cli = new Cli(home);
        assertThat(cli.run("--by", "c".repeat(100), "item", "create", "--type", "task", "--title", "ok").code())
                .isZero();
        Cli.Result longBy = cli.run("--by", "c".repeat(101), "item", "create", "--type", "task", "--title", "x");
        assertThat(longBy.code()).isEqualTo(3);
        assertThat(longBy.err()).startsWith("error: VALIDATION_ERROR created_by: ");
        String id = cli.json("item", "list").get("items").get(0).get("id").asString();
        Cli.Result longUpdater = cli.run("--by", "c".repeat(101), "item", "update", id, "--title", "y");
        assertThat(longUpdater.code()).isEqualTo(3);
        assertThat(longUpdater.err()).startsWith("error: VALIDATION_ERROR updated_by: ");

        for (String[] args : new String[][] {{"--limit", "0"}, {"--limit", "101"}, {"--offset", "-1"},
            {"--type", "epic"}, {"--status", "done"}}) {
            List<String> all = new ArrayList<>(List.of("item", "list"));
            all.addAll(List.of(args));
            Cli.Result r = cli.run(all.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", all)).isEqualTo(3);
            assertThat(r.err()).startsWith("error: VALIDATION_ERROR ")
                    .contains(args[0].substring(2).replace('-', '_'));
        }
        assertThat(cli.json("item", "list", "--limit", "1").get("items")).hasSize(1);
        assertThat(cli.json("item", "list", "--limit", "100").get("limit").asInt()).isEqualTo(100);
        assertThat(cli.json("item", "list").get("total_count").asLong()).isEqualTo(1);
    }
}
