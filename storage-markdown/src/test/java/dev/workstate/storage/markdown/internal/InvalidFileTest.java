package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.StorageStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files hand-edited into an invalid state are reported with path and line; the rest of the store keeps working. */
class InvalidFileTest {
    @TempDir
    Path tmp;

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void invalidFilesAreReportedWithPathAndLineWhileOthersLoad() throws IOException {
        Path dir = tmp.resolve("markdown");
        WorkItem badType;
        WorkItem badYaml;
        WorkItem good;
        Vendor vendor = Samples.vendor();
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            badType = TestItems.create(s, "wrong type", null);
            badYaml = TestItems.create(s, "bad yaml", null);
            good = TestItems.create(s, "fine", null);
            s.apply(new Mutation.InsertVendor(vendor));
        }
        edit(dir.resolve(Layout.workItem(badType.id())), "version: 1\n", "version: one\n");
        edit(dir.resolve(Layout.workItem(badYaml.id())), "title: bad yaml\n", "title: \"bad yaml\n");
        edit(dir.resolve(Layout.vendor(vendor.id())), "status: operational\n", "");
        Files.writeString(dir.resolve("work-items/notes.md"), "# my notes\n");

        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            Map<String, InvalidFileException> bad = s.invalidFiles().stream()
                    .collect(Collectors.toMap(InvalidFileException::path, Function.identity()));
            assertThat(bad).containsOnlyKeys(Layout.workItem(badType.id()), Layout.workItem(badYaml.id()),
                    Layout.vendor(vendor.id()), "work-items/notes.md");
            InvalidFileException type = bad.get(Layout.workItem(badType.id()));
            assertThat(type.line()).isEqualTo(3);
            assertThat(type.getMessage()).isEqualTo(Layout.workItem(badType.id())
                    + ":3: field 'version' must be a whole number");
            assertThat(bad.get(Layout.workItem(badYaml.id())).line()).isBetween(5, 7);
            assertThat(bad.get(Layout.workItem(badYaml.id())).reason()).startsWith("invalid YAML");
            assertThat(bad.get(Layout.vendor(vendor.id())).reason()).contains("missing field 'status'");

            assertThat(s.workItems().count()).isEqualTo(1);
            assertThat(s.workItems().get(good.id())).contains(good);
            assertThat(s.vendors().get(vendor.id())).isEmpty();

            StorageStatus.Layer layer = s.status().layers().get(0);
            assertThat(layer.healthy()).isTrue();
            assertThat(layer.reason()).contains("4 invalid file(s)")
                    .contains(Layout.workItem(badType.id()) + ":3")
                    .doesNotContain(tmp.toString());

            WorkItem more = TestItems.create(s, "still writable", null);
            assertThat(s.workItems().get(more.id())).contains(more);
        }

        // fixing the file by hand brings the record back
        edit(dir.resolve(Layout.workItem(badType.id())), "version: one\n", "version: 1\n");
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThat(s.workItems().get(badType.id())).contains(badType);
            assertThat(s.invalidFiles()).extracting(InvalidFileException::path).doesNotContain(
                    Layout.workItem(badType.id()));
        }
    }

    @Test
    void aVendorWhoseMetadataWasRemovedByHandIsReportedWithItsLine() throws IOException {
        Path dir = tmp.resolve("markdown");
        Vendor vendor = Samples.vendor();
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            s.apply(new Mutation.InsertVendor(vendor));
        }
        Path file = dir.resolve(Layout.vendor(vendor.id()));
        String text = Files.readString(file);
        String blanked = text.replaceFirst("(?s)\nmetadata:\n(  [^\n]*\n)+", "\nmetadata: null\n");
        assertThat(blanked).isNotEqualTo(text).contains("\nmetadata: null\ncreated_at:");
        Files.writeString(file, blanked);

        // every vendor has metadata (Vendor refuses one without): the file is reported, not loaded half
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThat(s.invalidFiles()).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo(Layout.vendor(vendor.id()));
                assertThat(e.line()).isEqualTo(blanked.lines().toList().indexOf("metadata: null") + 1);
                assertThat(e.reason()).contains("metadata");
            });
            assertThat(s.vendors().get(vendor.id())).isEmpty();
        }
    }

    @Test
    void anInvalidConfigurationIsReportedAndNotOverwritten() throws IOException {
        Path dir = tmp.resolve("markdown");
        MarkdownStore.open(dir, "t").close();
        edit(dir.resolve(Layout.CONFIGURATION), "default_token_budget: 200000\n", "default_token_budget: [1, 2]\n");
        String broken = Files.readString(dir.resolve(Layout.CONFIGURATION));
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            List<InvalidFileException> bad = s.invalidFiles();
            assertThat(bad).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo(Layout.CONFIGURATION);
                assertThat(e.line()).isEqualTo(7);
            });
            assertThat(s.configuration().get()).isNotNull();
        }
        assertThat(Files.readString(dir.resolve(Layout.CONFIGURATION))).isEqualTo(broken);
    }
}
