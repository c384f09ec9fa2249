package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every {@code item} subcommand and {@code history}, in human and --json form, with their error exits. */
class ItemCommandsTest {

    @TempDir
    Path home;

    @Test
    void createPrintsTheItemAndJsonIsSnakeCase() {
        Cli cli = new Cli(home);
        Cli.Result human = cli.run("item", "create", "--type", "project", "--title", "Search",
                "--meta-json", "{\"description\":\"Semantic search\",\"target_quarter\":\"2026-Q1\"}");
        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.out()).contains("created project ", "Search", "version 1", "Semantic search");
        assertThat(human.err()).isEmpty();

        JsonNode j = cli.json("item", "create", "--type", "task", "--title", "Parse", "--description", "AST",
                "--branch", "feature/x", "--commit", "a".repeat(40), "--pr", "7", "--status", "blocked",
                "--meta-json", "{\"estimated_hours\": 3.5, \"blocked_reason\": \"waiting\"}");
        assertThat(j.get("item_type").asString()).isEqualTo("task");
        assertThat(j.get("version").asLong()).isEqualTo(1);
        assertThat(j.get("status").asString()).isEqualTo("blocked");
        assertThat(j.get("branch_name").asString()).isEqualTo("feature/x");
        assertThat(j.get("commit_hash").asString()).isEqualTo("a".repeat(40));
        assertThat(j.get("pr_number").asInt()).isEqualTo(7);
        assertThat(j.get("metadata").get("estimated_hours").asDouble()).isEqualTo(3.5);
        assertThat(j.get("created_by").asString()).isEqualTo("claude-code");
        assertThat(j.get("updated_by").asString()).isEqualTo("claude-code");
        assertThat(j.get("path").asString()).isEqualTo("/" + j.get("id").asString());
        assertThat(j.has("created_at")).isTrue();
        assertThat(j.has("deleted_at")).isTrue();
    }

    @Test
    void byAndClientEnvironmentSetTheActor() {
        Cli cli = new Cli(home);
        cli.env.put("WORKSTATE_CLIENT", "ci-bot");
        assertThat(cli.json("item", "create", "--type", "task", "--title", "a").get("created_by").asString())
                .isEqualTo("ci-bot");
        assertThat(cli.json("--by", "alice", "item", "create", "--type", "task", "--title", "b").get("created_by")
                .asString()).isEqualTo("alice");
    }

    @Test
    void updateBumpsTheVersionAndClearWorks() {
        Cli cli = new Cli(home);
        String id = cli.create("task", "Old", "--description", "desc", "--branch", "b1");
        JsonNode j = cli.json("item", "update", id, "--version", "1", "--title", "New", "--status", "completed",
                "--clear", "description,branch", "--by", "bob");
        assertThat(j.get("version").asLong()).isEqualTo(2);
        assertThat(j.get("title").asString()).isEqualTo("New");
        assertThat(j.get("status").asString()).isEqualTo("completed");
        assertThat(j.get("description").isNull()).isTrue();
        assertThat(j.get("branch_name").isNull()).isTrue();
        assertThat(j.get("updated_by").asString()).isEqualTo("bob");
        // Without --version the current one is read first.
        assertThat(cli.json("item", "update", id, "--title", "Newer").get("version").asLong()).isEqualTo(3);
        Cli.Result human = cli.run("item", "update", id, "--status", "active");
        assertThat(human.code()).isZero();
        assertThat(human.out()).contains("updated " + id + " (version 4)");
    }

    @Test
    void showListsFieldsDependenciesAndHierarchy() {
        Cli cli = new Cli(home);
        String p = cli.project("Root");
        String a = cli.task("A", p);
        String b = cli.task("B", p);
        cli.json("item", "link", b, a, "--type", "depends_on");
        Cli.Result r = cli.run("item", "show", b, "--hierarchy");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("id", b, "title", "B", "depends on " + a, "hierarchy:", "Root", "└── B");
        JsonNode j = cli.json("item", "show", p, "--hierarchy", "--max-depth", "1");
        assertThat(j.get("id").asString()).isEqualTo(p);
        assertThat(j.get("ancestors")).isEmpty();
        assertThat(j.get("descendants")).hasSize(2);
        assertThat(j.get("descendants").get(0).has("title")).isTrue();
        JsonNode plain = cli.json("item", "show", b);
        assertThat(plain.has("ancestors")).isFalse();
        assertThat(plain.get("dependencies")).hasSize(1);
        assertThat(plain.get("dependencies").get(0).get("dependency_type").asString()).isEqualTo("depends_on");
        assertThat(plain.get("ready").asBoolean()).isFalse();
    }

    @Test
    void listFiltersPagesAndPrintsATable() {
        Cli cli = new Cli(home);
        String p = cli.project("Alpha project");
        for (int i = 0; i < 5; i++) {
            cli.task("Task " + i, p);
        }
        cli.create("research", "Tree-sitter grammars");
        JsonNode page = cli.json("item", "list", "--type", "task", "--limit", "2", "--offset", "1");
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("total_count").asLong()).isEqualTo(5);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(page.get("items").get(0).has("metadata")).as("summaries by default").isFalse();
        assertThat(cli.json("item", "list", "--full", "--limit", "1").get("items").get(0).has("metadata")).isTrue();
        assertThat(cli.json("item", "list", "--root-only").get("total_count").asLong()).isEqualTo(2);
        assertThat(cli.json("item", "list", "--parent", p).get("total_count").asLong()).isEqualTo(5);
        assertThat(cli.json("item", "list", "--query", "grammars").get("items").get(0).get("title").asString())
                .isEqualTo("Tree-sitter grammars");
        // newest change first
        JsonNode all = cli.json("item", "list");
        assertThat(all.get("items").get(0).get("title").asString()).isEqualTo("Tree-sitter grammars");

        Cli.Result table = cli.run("item", "list", "--type", "task", "--limit", "3");
        assertThat(table.code()).isZero();
        String[] lines = table.out().split("\\R");
        assertThat(lines[0]).startsWith("ID").contains("TYPE", "STATUS", "TITLE");
        assertThat(lines).hasSize(5);
        assertThat(lines[4]).isEqualTo("1-3 of 5 (next page: --offset 3)");
        // columns are aligned: TITLE starts at the same column on every row
        int col = lines[0].indexOf("TITLE");
        assertThat(lines[1].substring(col)).startsWith("Task ");
    }

    @Test
    void readyAndIncludeDeletedFilters() {
        Cli cli = new Cli(home);
        String a = cli.task("A", null);
        String b = cli.task("B", null);
        cli.json("item", "link", a, b, "--type", "blocks");
        assertThat(cli.json("item", "list", "--ready").get("items").findValuesAsString("id")).contains(a)
                .doesNotContain(b);
        cli.json("item", "delete", a);
        assertThat(cli.json("item", "list").get("total_count").asLong()).isEqualTo(1);
        assertThat(cli.json("item", "list", "--include-deleted").get("total_count").asLong()).isEqualTo(2);
    }

    @Test
    void treePrintsOneSubtreeOrAllRoots() {
        Cli cli = new Cli(home);
        String p = cli.project("Project P");
        String s = cli.create("session", "Session S", "--parent", p, "--meta-json",
                "{\"token_budget\":200000,\"prompts_count\":0,\"yaml_frontmatter\":{\"schema_version\":\"1.0\"}}");
        cli.task("Task 1", s);
        cli.task("Task 2", s);
        cli.create("research", "Loose research");
        Cli.Result one = cli.run("item", "tree", p);
        assertThat(one.code()).isZero();
        assertThat(one.out()).startsWith("Project P  [project, active] " + p);
        assertThat(one.out()).contains("└── Session S  [session, active]", "    ├── Task 1", "    └── Task 2");
        Cli.Result all = cli.run("item", "tree");
        assertThat(all.out()).contains("Project P", "Loose research", "Task 2");
        JsonNode j = cli.json("item", "tree");
        assertThat(j.get("total_count").asInt()).isEqualTo(2);
        JsonNode sub = cli.json("item", "tree", p, "--max-depth", "1");
        assertThat(sub.get("descendants")).hasSize(1);
        assertThat(new Cli(home.resolve("empty")).run("item", "tree").out()).contains("(no items)");
    }

    @Test
    void linkRejectsCyclesAndRemoves() {
        Cli cli = new Cli(home);
        String a = cli.task("A", null);
        String b = cli.task("B", null);
        JsonNode link = cli.json("item", "link", a, b, "--type", "blocks");
        assertThat(link.get("source_id").asString()).isEqualTo(a);
        assertThat(link.get("target_id").asString()).isEqualTo(b);
        Cli.Result cycle = cli.run("item", "link", b, a, "--type", "blocks");
        assertThat(cycle.code()).isEqualTo(3);
        assertThat(cycle.err()).startsWith("error: DEPENDENCY_CYCLE ");
        Cli.Result self = cli.run("item", "link", a, a, "--type", "depends_on", "--json");
        assertThat(self.code()).isEqualTo(3);
        assertThat(self.error().get("code").asString()).isEqualTo("DEPENDENCY_CYCLE");
        Cli.Result removed = cli.run("item", "link", a, b, "--type", "blocks", "--remove");
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("removed link");
        assertThat(cli.json("item", "show", a).get("dependencies")).isEmpty();
        assertThat(cli.run("item", "link", a, b, "--type", "sideways").code()).isEqualTo(3);
    }

    @Test
    void deleteAndRestore() {
        Cli cli = new Cli(home);
        String id = cli.task("Doomed", null);
        Cli.Result del = cli.run("item", "delete", id, "--version", "1");
        assertThat(del.code()).as(del.err()).isZero();
        assertThat(del.out()).contains("deleted " + id);
        JsonNode shown = cli.json("item", "show", id);
        assertThat(shown.get("deleted_at").isNull()).isFalse();
        assertThat(shown.get("version").asLong()).isEqualTo(2);
        JsonNode restored = cli.json("item", "restore", id);
        assertThat(restored.get("deleted_at").isNull()).isTrue();
        assertThat(restored.get("version").asLong()).isEqualTo(3);
        Cli.Result again = cli.run("item", "restore", id);
        assertThat(again.code()).isEqualTo(3);
        assertThat(again.err()).startsWith("error: VALIDATION_ERROR restore: ");
    }

    @Test
    void claimRenewReleaseAndRefusal() {
        Cli cli = new Cli(home);
        String id = cli.task("Claimable", null);
        JsonNode c = cli.json("--by", "agent-1", "item", "claim", id, "--lease-minutes", "10");
        assertThat(c.get("granted").asBoolean()).isTrue();
        assertThat(c.get("claimed_by").asString()).isEqualTo("agent-1");
        Cli.Result other = cli.run("--by", "agent-2", "item", "claim", id);
        assertThat(other.code()).isEqualTo(5);
        assertThat(other.err()).startsWith("error: CONFLICT claim not granted: ").contains("agent-1");
        assertThat(other.err().lines().count()).isEqualTo(1);
        Cli.Result otherJson = cli.run("--by", "agent-2", "item", "claim", id, "--json");
        assertThat(otherJson.code()).isEqualTo(5);
        assertThat(otherJson.json().get("granted").asBoolean()).isFalse();
        Cli.Result renew = cli.run("--by", "agent-1", "item", "claim", id, "--renew");
        assertThat(renew.code()).as(renew.err()).isZero();
        assertThat(renew.out()).startsWith("renewed " + id);
        assertThat(cli.json("item", "list").get("items").get(0).get("claimed_by").asString()).isEqualTo("agent-1");
        Cli.Result release = cli.run("--by", "agent-1", "item", "claim", id, "--release");
        assertThat(release.code()).isZero();
        assertThat(release.out()).startsWith("released " + id);
        assertThat(cli.json("--by", "agent-2", "item", "claim", id).get("granted").asBoolean()).isTrue();
        assertThat(cli.run("item", "claim", id, "--lease-minutes", "0").code()).isEqualTo(3);
    }

    @Test
    void anExpiredLeaseFreesTheItem() {
        Cli cli = new Cli(home);
        String id = cli.task("Leased", null);
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        try (var ws = cli.library(past)) {
            assertThat(ws.workItems().claim(id, "gone-agent", "claim", 30).granted()).isTrue();
        }
        assertThat(cli.json("--by", "agent-2", "item", "claim", id).get("granted").asBoolean()).isTrue();
    }

    @Test
    void historyShowsEveryChange() {
        Cli cli = new Cli(home);
        String id = cli.task("Tracked", null);
        cli.json("--by", "alice", "item", "update", id, "--title", "Tracked 2");
        cli.json("--by", "bob", "item", "update", id, "--status", "completed");
        Cli.Result r = cli.run("history", id);
        assertThat(r.code()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).startsWith("AT").contains("ACTOR", "OPERATION", "CHANGED");
        assertThat(lines[1]).contains("claude-code", "create");
        assertThat(lines[2]).contains("alice", "update", "title");
        assertThat(lines[3]).contains("bob", "update", "status");
        assertThat(lines[4]).isEqualTo("3 events");
        JsonNode j = cli.json("history", id);
        assertThat(j.get("entity_id").asString()).isEqualTo(id);
        assertThat(j.get("events")).hasSize(3);
        assertThat(j.get("events").get(0).get("operation").asString()).isEqualTo("create");
        assertThat(j.get("events").get(0).has("actor")).isTrue();
        assertThat(cli.run("history", "01900000-0000-7000-8000-000000000000").code()).isEqualTo(4);
    }

    @Test
    void notFoundIsExitFour() {
        Cli cli = new Cli(home);
        String missing = "01900000-0000-7000-8000-000000000000";
        for (String[] args : new String[][] {{"item", "show", missing}, {"item", "update", missing, "--title", "x"},
            {"item", "delete", missing}, {"item", "tree", missing}, {"item", "claim", missing}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.code()).as(String.join(" ", args) + r.err()).isEqualTo(4);
            assertThat(r.err()).startsWith("error: NOT_FOUND ").contains(missing);
            assertThat(r.err().lines().count()).isEqualTo(1);
        }
        Cli.Result j = cli.run("item", "show", missing, "--json");
        assertThat(j.code()).isEqualTo(4);
        assertThat(j.err()).isEmpty();
        assertThat(j.error().get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(j.error().has("message")).isTrue();
        assertThat(j.error().get("details").isObject()).isTrue();
        Cli.Result badId = cli.run("item", "show", "not-a-uuid");
        assertThat(badId.code()).isEqualTo(3);
        assertThat(badId.err()).startsWith("error: VALIDATION_ERROR id: ");
    }

    @Test
    void badInputPrintsOneLineNamingTheFieldAndChangesNothing() {
        Cli cli = new Cli(home);
        String id = cli.task("Keep me", null);
        String before = cli.run("item", "list", "--json", "--full", "--include-deleted").out();

        Cli.Result longTitle = cli.run("item", "create", "--type", "task", "--title", "x".repeat(201));
        assertThat(longTitle.code()).isEqualTo(3);
        assertThat(longTitle.err()).startsWith("error: VALIDATION_ERROR title: ");
        assertThat(longTitle.err().lines().count()).isEqualTo(1);
        assertThat(longTitle.out()).isEmpty();

        Cli.Result badMeta = cli.run("item", "create", "--type", "task", "--title", "t", "--meta-json", "{oops");
        assertThat(badMeta.code()).isEqualTo(3);
        assertThat(badMeta.err()).startsWith("error: VALIDATION_ERROR metadata: ");

        Cli.Result two = cli.run("item", "update", id, "--title", " ", "--status", "sleeping", "--json");
        assertThat(two.code()).isEqualTo(3);
        assertThat(two.error().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(two.error().get("details").get("fields").findValuesAsString("field")).contains("title",
                "status");

        Cli.Result badType = cli.run("item", "create", "--type", "epic", "--title", "t");
        assertThat(badType.code()).isEqualTo(3);
        assertThat(badType.err()).startsWith("error: VALIDATION_ERROR item_type: ");

        Cli.Result badParent = cli.run("item", "update", id, "--parent", id);
        assertThat(badParent.code()).isIn(3, 4);

        assertThat(cli.run("item", "list", "--json", "--full", "--include-deleted").out()).isEqualTo(before);
        assertThat(cli.json("history", id).get("events")).hasSize(1);
    }
}
