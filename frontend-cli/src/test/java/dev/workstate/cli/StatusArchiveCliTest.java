package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.service.NewDeployment;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code status} (the reference's scenario 8 through the CLI) and {@code archive}. */
class StatusArchiveCliTest {

    private static final String AT = "2026-03-01T12:00:00Z";

    @TempDir
    Path home;

    @Test
    void emptyStoreReport() {
        Cli cli = new Cli(home);
        Cli.Result r = cli.run("status", "--at", AT);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("# Project Status", "(0/0)", "(0)", "(Last 0)", "Generated at");
        JsonNode j = cli.json("status", "--format", "json", "--at", AT);
        assertThat(j.get("format").asString()).isEqualTo("json");
        assertThat(j.get("report").isObject()).isTrue();
        JsonNode md = cli.json("status", "--at", AT);
        assertThat(md.get("format").asString()).isEqualTo("markdown");
        assertThat(md.get("markdown").asString()).isEqualTo(r.out());
    }

    @Test
    void scenario8FullStatusReport() throws Exception {
        Cli cli = new Cli(home);
        try (Workstate ws = cli.library()) {
            List<String> vendorIds = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                var v = ws.vendors().create("vendor_" + i, Map.of("test_results",
                        Map.of("passing", 10, "total", 12, "skipped", 2)), "seed");
                if (i % 3 != 0) {
                    ws.vendors().update(v.name(), v.version(), "operational", null, "seed");
                }
                vendorIds.add(v.id().toString());
            }
            List<String> itemIds = new ArrayList<>();
            for (int p = 0; p < 10; p++) {
                var project = ws.workItems().create(new NewWorkItem("project", "Project " + p, null,
                        Map.of("description", "p"), null, null, null, null, null, "seed"));
                itemIds.add(project.id().toString());
                for (int s = 0; s < 2; s++) {
                    var session = ws.workItems().create(new NewWorkItem("session", "Session " + p + "." + s, null,
                            Map.of("token_budget", 1000, "prompts_count", 0,
                                    "yaml_frontmatter", Map.of("schema_version", "1")),
                            project.id().toString(), null, null, null, null, "seed"));
                    ws.workItems().create(new NewWorkItem("task", "Task " + p + "." + s, null, Map.of(),
                            session.id().toString(), null, null, null, null, "seed"));
                    itemIds.add(session.id().toString());
                }
            }
            Instant start = Instant.parse("2026-02-01T00:00:00Z");
            for (int d = 0; d < 20; d++) {
                ws.deployments().record(new NewDeployment(start.plus(Duration.ofDays(d)).toString(),
                        Map.of("pr_number", 100 + d, "pr_title", "Deploy " + d,
                                "commit_hash", String.format("%040x", d + 1),
                                "test_summary", Map.of("unit", 10), "constitutional_compliance", d % 4 != 0),
                        vendorIds.subList(d, d + 3 + d % 3), itemIds.subList(d % 10, d % 10 + 2), "seed"));
            }
        }
        Cli.Result r = cli.run("status", "--at", AT);
        assertThat(r.code()).as(r.err()).isZero();
        String md = r.out();
        assertThat(md).contains("# Project Status", "## Operational Vendors (30/45)", "## Active Work Items (50)",
                "## Recent Deployments (Last ", "Generated at");
        // How many recent deployments the report shows is the report service's choice; the count must match.
        java.util.regex.Matcher last = java.util.regex.Pattern.compile("## Recent Deployments \\(Last (\\d+)\\)")
                .matcher(md);
        assertThat(last.find()).isTrue();
        assertThat(md.split("UTC - PR #", -1).length - 1).isEqualTo(Integer.parseInt(last.group(1)));
        assertThat(md.indexOf("## Operational Vendors")).isLessThan(md.indexOf("## Active Work Items"));
        assertThat(md.indexOf("## Active Work Items")).isLessThan(md.indexOf("## Recent Deployments"));
        assertThat(md.indexOf("PR #119")).isNotNegative().isLessThan(md.indexOf("PR #118"));
        assertThat(cli.run("status", "--at", AT).out()).isEqualTo(md);

        Path file = home.resolve("STATUS.md");
        Cli.Result written = cli.run("status", "--at", AT, "--output", file.toString());
        assertThat(written.code()).as(written.err()).isZero();
        assertThat(written.out()).startsWith("wrote markdown report to ");
        assertThat(Files.readString(file)).isEqualTo(md.endsWith("\n") ? md : md + "\n");

        JsonNode json = cli.json("status", "--format", "json", "--at", AT);
        assertThat(json.get("report").toString()).contains("30");
        Cli.Result human = cli.run("status", "--format", "json", "--at", AT);
        assertThat(dev.workstate.internal.Json.mapper().readTree(human.out())).isEqualTo(json.get("report"));
        assertThat(cli.run("status", "--format", "pdf").code()).isEqualTo(3);
        assertThat(cli.run("status", "--at", "soon").code()).isEqualTo(3);
    }

    @Test
    void archiveMovesOldCompletedItemsOutOfDefaultViews() {
        Cli cli = new Cli(home);
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC);
        String oldDone;
        String oldOpen;
        String midDone;
        try (Workstate ws = cli.library(past)) {
            var done = ws.workItems().create(new NewWorkItem("task", "Old done", null, null, null, "completed", null,
                    null, null, "seed"));
            oldDone = done.id().toString();
            oldOpen = ws.workItems().create(new NewWorkItem("task", "Old open", null, null, null, null, null, null,
                    null, "seed")).id().toString();
            ws.workItems().update(WorkItemUpdate.builder(oldOpen, 1L).title("Old open!").build());
        }
        try (Workstate ws = cli.library(Clock.fixed(Instant.now().minus(Duration.ofDays(10)), ZoneOffset.UTC))) {
            midDone = ws.workItems().create(new NewWorkItem("task", "Mid done", null, null, null, "completed", null,
                    null, null, "seed")).id().toString();
        }
        String recentDone = cli.create("task", "Recent done", "--status", "completed");

        Cli.Result r = cli.run("archive");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("archived 1 completed work item last changed before ");
        List<String> live = cli.json("item", "list").get("items").findValuesAsString("id");
        assertThat(live).containsExactlyInAnyOrder(oldOpen, midDone, recentDone);
        JsonNode all = cli.json("item", "list", "--include-archived", "--full");
        assertThat(all.get("total_count").asLong()).isEqualTo(4);
        JsonNode archived = cli.json("item", "show", oldDone);
        assertThat(archived.get("archived_at").isNull()).isFalse();
        assertThat(archived.get("title").asString()).isEqualTo("Old done");

        JsonNode j = cli.json("archive", "--older-than", "5");
        assertThat(j.get("archived_count").asInt()).isEqualTo(1);
        assertThat(j.get("archived_ids")).extracting(JsonNode::asString).containsExactly(midDone);
        Cli.Result zero = cli.run("archive", "--older-than", "0");
        assertThat(zero.code()).isEqualTo(3);
        assertThat(zero.err()).startsWith("error: VALIDATION_ERROR older_than_days: ");
        assertThat(cli.json("item", "list").get("items").findValuesAsString("id"))
                .containsExactlyInAnyOrder(oldOpen, recentDone);
    }
}
