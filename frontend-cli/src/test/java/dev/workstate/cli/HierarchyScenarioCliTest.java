package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The reference's scenario 7: the five-level chain, its ancestors, descendants and paths, and re-parenting. */
class HierarchyScenarioCliTest {

    @TempDir
    Path home;

    private List<String> chain(Cli cli) {
        List<String> ids = new ArrayList<>();
        ids.add(cli.create("project", "Feature 001: Semantic Code Search", "--meta-json",
                "{\"description\":\"Semantic code search\"}"));
        ids.add(cli.create("session", "Implementation Session 2025-01-15", "--parent", ids.get(0), "--meta-json",
                "{\"token_budget\":200000,\"prompts_count\":3,\"yaml_frontmatter\":{\"schema_version\":\"1.0\"}}"));
        ids.add(cli.task("Implement tree-sitter AST parsing", ids.get(1)));
        ids.add(cli.task("Write unit tests for parser", ids.get(2)));
        ids.add(cli.task("Test edge cases for nested functions", ids.get(3)));
        return ids;
    }

    @Test
    void fiveLevelChain() {
        Cli cli = new Cli(home);
        List<String> ids = chain(cli);

        JsonNode leaf = cli.json("item", "show", ids.get(4), "--hierarchy");
        assertThat(leaf.get("ancestors")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(leaf.get("ancestors").get(i).get("id").asString()).isEqualTo(ids.get(i));
            assertThat(leaf.get("ancestors").get(i).get("depth").asInt()).isEqualTo(i);
        }
        assertThat(leaf.get("descendants")).isEmpty();
        assertThat(leaf.get("path").asString()).isEqualTo("/" + String.join("/", ids));
        assertThat(leaf.get("depth").asInt()).isEqualTo(4);

        JsonNode root = cli.json("item", "show", ids.get(0), "--hierarchy");
        assertThat(root.get("ancestors")).isEmpty();
        assertThat(root.get("descendants").findValues("depth")).extracting(JsonNode::asInt)
                .containsExactly(1, 2, 3, 4);

        JsonNode middle = cli.json("item", "show", ids.get(2), "--hierarchy");
        assertThat(middle.get("ancestors")).hasSize(2);
        assertThat(middle.get("descendants")).hasSize(2);

        JsonNode flat = cli.json("item", "show", ids.get(2));
        assertThat(flat.has("ancestors")).isFalse();
        assertThat(flat.has("descendants")).isFalse();

        String parentPath = "";
        for (String id : ids) {
            JsonNode j = cli.json("item", "show", id);
            assertThat(j.get("path").asString()).isEqualTo(parentPath + "/" + id);
            parentPath = j.get("path").asString();
        }

        assertThat(cli.json("item", "show", ids.get(0), "--hierarchy", "--max-depth", "2").get("descendants"))
                .hasSize(2);
        for (String bad : List.of("0", "6")) {
            Cli.Result r = cli.run("item", "show", ids.get(0), "--hierarchy", "--max-depth", bad);
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).startsWith("error: VALIDATION_ERROR max_depth: ");
        }

        Cli.Result tree = cli.run("item", "tree", ids.get(0));
        assertThat(tree.out().lines().toList()).hasSize(5);
        assertThat(tree.out()).contains("            └── Test edge cases for nested functions");
        Cli.Result shown = cli.run("item", "show", ids.get(2), "--hierarchy");
        assertThat(shown.out()).contains("Feature 001", "Implement tree-sitter AST parsing  [task, active] "
                + ids.get(2) + "  <==");
    }

    @Test
    void reparentingMovesTheSubtreeAndRejectsBadMoves() {
        Cli cli = new Cli(home);
        List<String> ids = chain(cli);
        String other = cli.project("Other project");

        JsonNode moved = cli.json("item", "update", ids.get(2), "--parent", other);
        assertThat(moved.get("depth").asInt()).isEqualTo(1);
        assertThat(moved.get("path").asString()).isEqualTo("/" + other + "/" + ids.get(2));
        JsonNode leaf = cli.json("item", "show", ids.get(4));
        assertThat(leaf.get("depth").asInt()).isEqualTo(3);
        assertThat(leaf.get("path").asString()).isEqualTo("/" + other + "/" + ids.get(2) + "/" + ids.get(3) + "/"
                + ids.get(4));

        String before = cli.run("item", "list", "--json", "--full").out();
        Cli.Result underOwnDescendant = cli.run("item", "update", ids.get(2), "--parent", ids.get(4));
        assertThat(underOwnDescendant.code()).as(underOwnDescendant.err()).isEqualTo(3);
        assertThat(underOwnDescendant.err().lines().count()).isEqualTo(1);

        Cli.Result missing = cli.run("item", "update", ids.get(2), "--parent", "01900000-0000-7000-8000-000000000000");
        assertThat(missing.code()).as(missing.err()).isIn(3, 4);
        assertThat(missing.err()).contains("01900000-0000-7000-8000-000000000000");
        assertThat(cli.run("item", "list", "--json", "--full").out()).isEqualTo(before);

        // Depth 0..5 is the limit: other(0) > t2(1) > t3(2) > t4(3) > deep(4) > deeper(5) > nothing more.
        String deep = cli.task("Deep", ids.get(4));
        String deeper = cli.task("Deeper", deep);
        assertThat(cli.json("item", "show", deeper).get("depth").asInt()).isEqualTo(5);
        Cli.Result tooDeep = cli.run("item", "create", "--type", "task", "--title", "Too deep", "--parent", deeper);
        assertThat(tooDeep.code()).isEqualTo(3);
        assertThat(tooDeep.err()).startsWith("error: VALIDATION_ERROR ");
        // Moving the subtree one level down would put "Deeper" at depth 6.
        Cli.Result moveTooDeep = cli.run("item", "update", ids.get(2), "--parent", ids.get(1));
        assertThat(moveTooDeep.code()).isEqualTo(3);
        assertThat(cli.json("item", "show", deeper).get("depth").asInt()).isEqualTo(5);
        assertThat(cli.run("item", "list", "--json", "--full").out()).doesNotContain("Too deep");
        assertThat(before).doesNotContain("Deeper");

        Cli.Result toRoot = cli.run("item", "update", ids.get(3), "--clear", "parent", "--json");
        assertThat(toRoot.code()).as(toRoot.err()).isZero();
        assertThat(toRoot.json().get("depth").asInt()).isZero();
        assertThat(toRoot.json().get("parent_id").isNull()).isTrue();
    }
}
