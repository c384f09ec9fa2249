package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code workstate migrate}, {@code export} and {@code import} through the command line, with their exit codes. */
class MigrateExportImportCliTest {

    @TempDir
    Path tmp;

    private Path fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dev/workstate/testkit/legacy/" + name)) {
            Path file = tmp.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    void migrateReportsAndRefusesARerun() throws IOException {
        Cli cli = new Cli(tmp.resolve("home"));
        Path file = fixture("scenario6-generated.md");
        byte[] before = Files.readAllBytes(file);

        JsonNode dry = cli.json("migrate", file.toString(), "--dry-run");
        assertThat(dry.get("success").asBoolean()).isTrue();
        assertThat(cli.json("vendor", "list").toString()).doesNotContain("vendor_abc");

        JsonNode report = cli.json("migrate", file.toString(), "--strict");
        assertThat(report.get("success").asBoolean()).isTrue();
        assertThat(report.get("reconciliation").get("vendor_count").get("match").asBoolean()).isTrue();
        assertThat(report.get("data_preservation_percentage").asDouble()).isEqualTo(100.0);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        Cli.Result again = cli.run("migrate", file.toString());
        assertThat(again.code()).isEqualTo(5);
        assertThat(again.out()).contains("FAILED");
        assertThat(again.err()).contains("duplicate: vendor 'vendor_abc'");
    }

    @Test
    void migrateValidationFailureExitsThreeAndRollsBack() throws IOException {
        Cli cli = new Cli(tmp.resolve("home"));
        Path file = fixture("invalid-vendor.md");
        Cli.Result r = cli.run("migrate", file.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("rolled back");
        assertThat(r.err()).contains("validation_failed").contains("vendor_liar");
        assertThat(cli.json("vendor", "list").get("items").size()).isZero();

        Cli.Result missing = cli.run("migrate", tmp.resolve("nope.md").toString());
        assertThat(missing.code()).isEqualTo(3);
    }

    @Test
    void exportAndImportInBothFormats() throws IOException {
        Cli src = new Cli(tmp.resolve("src"));
        assertThat(src.json("migrate", fixture("scenario6-hand-written.md").toString()).get("success").asBoolean())
                .isTrue();
        for (String format : new String[] {"json", "markdown"}) {
            Path out = tmp.resolve("export-" + format);
            JsonNode exported = src.json("export", "--format", format, "--output", out.toString());
            assertThat(exported.get("counts").get("vendors").asInt()).isEqualTo(5);

            Cli dst = new Cli(tmp.resolve("dst-" + format));
            JsonNode imported = dst.json("import", out.toString());
            assertThat(imported.get("format").asString()).isEqualTo(format);
            assertThat(imported.get("imported").get("vendors").asInt()).isEqualTo(5);
            assertThat(imported.get("imported").get("work_items").asInt()).isEqualTo(8);
            assertThat(dst.json("vendor", "show", "vendor_abc").get("created_by").asString()).isEqualTo("migration");

            Cli.Result refused = dst.run("import", out.toString());
            assertThat(refused.code()).isEqualTo(3);
            assertThat(refused.err()).contains("not empty");

            JsonNode merged = dst.json("import", out.toString(), "--merge");
            assertThat(merged.get("conflicts").size()).isZero();
            assertThat(merged.get("skipped_identical").get("vendors").asInt()).isEqualTo(5);

            Cli.Result again = src.run("export", "--format", format, "--output", out.toString());
            assertThat(again.code()).isEqualTo(3);
        }
    }

    /** A JSON export of {@code src} in which record {@code index} of {@code file} was edited by {@code change}. */
    private Path exportWithOneRecordChanged(Cli src, String file, int index,
                                            Consumer<tools.jackson.databind.node.ObjectNode> change) throws IOException {
        Path out = tmp.resolve("export");
        src.json("export", "--format", "json", "--output", out.toString());
        Path records = out.resolve(file);
        tools.jackson.databind.ObjectMapper mapper = new tools.jackson.databind.ObjectMapper();
        tools.jackson.databind.node.ArrayNode list = (tools.jackson.databind.node.ArrayNode) mapper.readTree(
                Files.readString(records));
        assertThat(list.size()).isGreaterThan(index);
        change.accept((tools.jackson.databind.node.ObjectNode) list.get(index));
        Files.writeString(records, mapper.writeValueAsString(list));
        return out;
    }

    @Test
    void importOfAVendorWithoutMetadataExitsThreeSaysWhyAndWritesNothing() throws IOException {
        Cli src = new Cli(tmp.resolve("src"));
        assertThat(src.run("vendor", "create", "Acme").code()).isZero();
        Path out = exportWithOneRecordChanged(src, "vendors.json", 0, v -> v.putNull("metadata"));

        Cli dst = new Cli(tmp.resolve("dst"));
        Cli.Result r = dst.run("import", out.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("vendors.json: is not a valid export file: [0]: vendor metadata is required")
                .doesNotContain("dev.workstate");
        assertThat(dst.json("vendor", "list").get("items").size()).isZero();
    }

    @Test
    void importOfAValueOfTheWrongKindNamesTheRecordAndFieldAndNoJavaType() throws IOException {
        Cli src = new Cli(tmp.resolve("src"));
        assertThat(src.run("item", "create", "--type", "task", "--title", "one").code()).isZero();
        assertThat(src.run("item", "create", "--type", "task", "--title", "two").code()).isZero();
        Path out = exportWithOneRecordChanged(src, "work_items.json", 1, w -> w.put("created_at", "yesterday"));

        Cli dst = new Cli(tmp.resolve("dst"));
        Cli.Result r = dst.run("import", out.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("work_items.json: is not a valid export file: [1].created_at: must be an"
                + " ISO-8601 instant such as 2026-01-02T03:04:05Z (got \"yesterday\")")
                .doesNotContain("java.").doesNotContain("dev.workstate");
        assertThat(dst.json("item", "list").get("items").size()).isZero();
    }
}
