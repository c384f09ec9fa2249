package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Vendors and deployments through the CLI: the reference's scenarios 1 and 4 and the deployment bounds. */
class VendorDeployCliTest {

    private static final String SEED_META = "{\"format_support\":{\"excel\":true,\"csv\":true,\"pdf\":false,"
            + "\"ocr\":false},\"test_results\":{\"passing\":10,\"total\":12,\"skipped\":2},"
            + "\"extractor_version\":\"1.2.3\",\"manifest_compliant\":true}";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path home;

    @Test
    void scenario1VendorHealthQuery() {
        Cli cli = new Cli(home);
        for (int i = 0; i < 45; i++) {
            String name = "vendor_" + i;
            JsonNode created = cli.json("vendor", "create", name, "--meta-json", SEED_META);
            assertThat(created.get("status").asString()).isEqualTo("broken");
            assertThat(created.get("version").asLong()).isEqualTo(1);
            if (i % 5 != 0) {
                cli.json("vendor", "update", name, "--version", "1", "--status", "operational");
            }
        }
        JsonNode v = cli.json("vendor", "show", "VENDOR_7");
        assertThat(v.get("name").asString()).isEqualTo("vendor_7");
        assertThat(v.get("version").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(v.get("status").asString()).isIn("operational", "broken");
        assertThat(v.get("extractor_version").asString()).isEqualTo("1.2.3");
        JsonNode m = v.get("metadata");
        assertThat(m.has("format_support")).isTrue();
        assertThat(m.has("test_results")).isTrue();
        assertThat(m.has("extractor_version")).isTrue();
        assertThat(m.has("manifest_compliant")).isTrue();
        assertThat(m.get("test_results").get("passing").asLong()).isEqualTo(10);
        assertThat(m.get("test_results").get("skipped").asLong()).isEqualTo(2);

        assertThat(cli.json("vendor", "list", "--status", "operational").get("total_count").asLong()).isEqualTo(36);
        assertThat(cli.json("vendor", "list", "--status", "broken").get("total_count").asLong()).isEqualTo(9);
        Cli.Result table = cli.run("vendor", "list", "--limit", "3");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("STATUS", "TESTS");
        assertThat(table.out()).contains("10/12 (2 skipped)", "excel,csv");
        Cli.Result shown = cli.run("vendor", "show", "vendor_7");
        assertThat(shown.out()).contains("vendor_7", "1.2.3", "compliant");

        Cli.Result unknown = cli.run("vendor", "show", "no_such_vendor");
        assertThat(unknown.code()).isEqualTo(4);
        assertThat(unknown.err()).startsWith("error: NOT_FOUND ").contains("no_such_vendor");
    }

    @Test
    void vendorDuplicatesUpdatesAndBounds() {
        Cli cli = new Cli(home);
        cli.json("vendor", "create", "Acme");
        Cli.Result dup = cli.run("vendor", "create", "ACME", "--json");
        assertThat(dup.code()).isEqualTo(5);
        assertThat(dup.error().get("code").asString()).isEqualTo("DUPLICATE");
        Cli.Result dupHuman = cli.run("vendor", "create", "acme");
        assertThat(dupHuman.err()).startsWith("error: DUPLICATE ").contains("Acme");

        JsonNode merged = cli.json("vendor", "update", "acme", "--meta-json",
                "{\"test_results\":{\"passing\":45,\"total\":50,\"skipped\":0},\"extractor_version\":\"2.0.0\"}");
        assertThat(merged.get("version").asLong()).isEqualTo(2);
        assertThat(merged.get("extractor_version").asString()).isEqualTo("2.0.0");
        assertThat(merged.get("metadata").get("format_support").get("excel").asBoolean()).isFalse();
        Cli.Result stale = cli.run("vendor", "update", "Acme", "--version", "1", "--status", "operational");
        assertThat(stale.code()).isEqualTo(5);
        assertThat(stale.err()).startsWith("error: VERSION_CONFLICT ");

        Cli.Result badTests = cli.run("vendor", "update", "Acme", "--meta-json",
                "{\"test_results\":{\"passing\":40,\"total\":50,\"skipped\":11}}");
        assertThat(badTests.code()).isEqualTo(3);
        assertThat(badTests.err()).contains("test_results");
        assertThat(cli.run("vendor", "create", "bad/name").code()).isEqualTo(3);
        assertThat(cli.run("vendor", "create", "n".repeat(101)).code()).isEqualTo(3);
        assertThat(cli.run("vendor", "create", "n".repeat(100)).code()).isZero();
        assertThat(cli.run("vendor", "update", "Acme", "--status", "sideways").code()).isEqualTo(3);
        assertThat(cli.json("vendor", "show", "Acme").get("version").asLong()).isEqualTo(2);
        assertThat(cli.json("vendor", "list").get("total_count").asLong()).isEqualTo(2);
    }

    @Test
    void scenario4DeploymentRecording() {
        Cli cli = new Cli(home);
        List<String> vendorIds = new ArrayList<>();
        for (String n : List.of("alpha", "beta", "gamma")) {
            vendorIds.add(cli.json("vendor", "create", n).get("id").asString());
        }
        String i1 = cli.task("Item 1", null);
        String i2 = cli.task("Item 2", null);
        JsonNode d = cli.json("--by", "deployer", "deploy", "record", "--commit", COMMIT, "--pr", "123", "--title",
                "Add vendors", "--tests", "unit=150,integration=30,contract=12", "--compliant", "--vendor", "Alpha",
                "--vendor", "beta", "--vendor", "gamma", "--item", i1, "--item", i2, "--at",
                "2026-01-02T03:04:05Z");
        assertThat(d.get("vendor_ids")).extracting(JsonNode::asString).containsExactlyElementsOf(vendorIds);
        assertThat(d.get("work_item_ids")).extracting(JsonNode::asString).containsExactly(i1, i2);
        assertThat(d.get("commit_hash").asString()).isEqualTo(COMMIT);
        assertThat(d.get("deployed_at").asString()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(d.get("created_by").asString()).isEqualTo("deployer");
        assertThat(d.get("created_at").asString()).endsWith("Z");
        JsonNode meta = d.get("metadata");
        assertThat(meta.get("pr_number").asInt()).isEqualTo(123);
        assertThat(meta.get("test_summary").get("unit").asLong()).isEqualTo(150);
        assertThat(meta.get("constitutional_compliance").asBoolean()).isTrue();

        String id = d.get("id").asString();
        JsonNode shown = cli.json("deploy", "show", id);
        assertThat(shown.get("vendors").findValuesAsString("name")).containsExactlyInAnyOrder("alpha", "beta",
                "gamma");
        assertThat(shown.get("work_items")).hasSize(2);
        Cli.Result human = cli.run("deploy", "show", id);
        assertThat(human.out()).contains("#123 Add vendors", "vendors (3):", "alpha", "work items (2):", "Item 1");

        JsonNode bare = cli.json("deploy", "record", "--commit", COMMIT, "--pr", "124", "--title", "No links");
        assertThat(bare.get("vendor_ids")).isEmpty();
        assertThat(bare.get("work_item_ids")).isEmpty();
        assertThat(bare.get("metadata").get("constitutional_compliance").asBoolean()).isFalse();

        JsonNode list = cli.json("deploy", "list");
        assertThat(list.get("total_count").asLong()).isEqualTo(2);
        assertThat(list.get("items").get(0).get("metadata").get("pr_number").asInt()).isEqualTo(124);
        assertThat(cli.json("deploy", "list", "--vendor", "beta").get("total_count").asLong()).isEqualTo(1);
        assertThat(cli.json("deploy", "list", "--item", i2).get("total_count").asLong()).isEqualTo(1);
        assertThat(cli.json("deploy", "list", "--commit", COMMIT).get("total_count").asLong()).isEqualTo(2);
        Cli.Result table = cli.run("deploy", "list");
        assertThat(table.out()).contains("#124", "0123456", "unit=150", "yes");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("DEPLOYED");
    }

    @Test
    void deploymentBoundsRejectAndPersistNothing() {
        Cli cli = new Cli(home);
        cli.json("vendor", "create", "alpha");
        String item = cli.task("Item", null);
        String[][] badCases = {
            {"commit_hash", "--commit", "XYZ", "--pr", "1", "--title", "t"},
            {"commit_hash", "--commit", COMMIT.toUpperCase(), "--pr", "1", "--title", "t"},
            {"test_summary", "--commit", COMMIT, "--pr", "1", "--title", "t", "--tests", "unit=-1"},
            {"test_summary", "--commit", COMMIT, "--pr", "1", "--title", "t", "--tests", "unit=many"},
            {"test_summary", "--commit", COMMIT, "--pr", "1", "--title", "t", "--tests", "unit"},
            {"pr_number", "--commit", COMMIT, "--pr", "0", "--title", "t"},
            {"pr_title", "--commit", COMMIT, "--pr", "1", "--title", ""},
            {"pr_title", "--commit", COMMIT, "--pr", "1", "--title", "t".repeat(201)},
            {"vendor", "--commit", COMMIT, "--pr", "1", "--title", "t", "--vendor", "alpha", "--vendor", "ALPHA"},
            {"work_item", "--commit", COMMIT, "--pr", "1", "--title", "t", "--item", item, "--item", item},
            {"deployed_at", "--commit", COMMIT, "--pr", "1", "--title", "t", "--at", "yesterday"},
        };
        for (String[] c : badCases) {
            List<String> args = new ArrayList<>(List.of("deploy", "record"));
            args.addAll(List.of(c).subList(1, c.length));
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + " " + r.err()).isEqualTo(3);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: VALIDATION_ERROR ").contains(c[0]);
            assertThat(r.err().lines().count()).isEqualTo(1);
        }
        Cli.Result unknownVendor = cli.run("deploy", "record", "--commit", COMMIT, "--pr", "1", "--title", "t",
                "--vendor", "nobody");
        assertThat(unknownVendor.code()).isEqualTo(4);
        assertThat(unknownVendor.err()).contains("nobody");
        String ghost = "01900000-0000-7000-8000-000000000000";
        Cli.Result unknownItem = cli.run("deploy", "record", "--commit", COMMIT, "--pr", "1", "--title", "t",
                "--item", ghost);
        assertThat(unknownItem.code()).isEqualTo(4);
        assertThat(unknownItem.err()).contains(ghost);
        assertThat(cli.run("deploy", "record", "--pr", "1", "--title", "t").code()).isEqualTo(2);
        assertThat(cli.run("deploy", "show", ghost).code()).isEqualTo(4);

        assertThat(cli.json("deploy", "list").get("total_count").asLong()).isZero();
        assertThat(cli.json("deploy", "record", "--commit", COMMIT, "--pr", "1", "--title", "t".repeat(200),
                "--tests", "unit=0").get("metadata").get("pr_title").asString()).hasSize(200);
        assertThat(cli.json("deploy", "list").get("total_count").asLong()).isEqualTo(1);
    }
}
