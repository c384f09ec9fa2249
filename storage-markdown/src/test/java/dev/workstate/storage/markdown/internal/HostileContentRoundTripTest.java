package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.workstate.model.Enhancement;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Property: any text (YAML and Markdown syntax, document markers, quotes, leading/trailing blanks, line breaks, tabs,
 * control characters, emoji, right-to-left scripts) and any JSON-like metadata written to a store comes back from disk
 * exactly, with numbers keeping their Long/Double types.
 */
class HostileContentRoundTripTest {
    private static final String[] FRAGMENTS = {
        "---", "---\n", "\n---\n", "...", "\n...\n", ":", ": ", "#", " #", "&", "&anchor", "*", "*alias", "!", "!!str",
        "|", "|-", ">", ">-", "'", "''", "\"", "\\", "\\n", "%", "%YAML 1.2", "@", "`", "```", "- ", "? ", "[", "]",
        "{", "}", ",", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", " \n", "\u00a0", "\u2028", "\u0085", "\u0000",
        "\u0007", "\u001b[31m", "\uFEFF", "\u200b", "😀", "👩‍💻", "🇫🇷", "שלום", "مرحبا", "\u202e", "日本語", "Ünïcödé",
        "null", "~", "true", "False", "yes", "no", "on", "0", "007", "1e3", "0x1F", ".inf", "-.nan", "2026-01-01",
        "12:30:00", "+1", "-", "# heading", "## Metadata", "<script>", "title", "a", "Z", "word", "\\u0041", "é",
    };

    static Gen<String> text() {
        return lists().of(arbitrary().pick(FRAGMENTS)).ofSizeBetween(0, 10).map(l -> String.join("", l));
    }

    static Gen<String> nonEmptyText() {
        return lists().of(arbitrary().pick(FRAGMENTS)).ofSizeBetween(1, 10).map(l -> String.join("", l));
    }

    private static Gen<Object> scalar() {
        Gen<Object> l = longs().all().map(x -> (Object) x);
        Gen<Object> d = doubles().any().map(x -> (Object) x);
        Gen<Object> s = text().map(x -> (Object) x);
        Gen<Object> b = arbitrary().pick(new Object[] {Boolean.TRUE, Boolean.FALSE, null}).map(x -> x);
        return l.mix(d, 25).mix(s, 50).mix(b, 20);
    }

    static Gen<Map<String, Object>> metadata() {
        Gen<List<String>> keys = lists().of(nonEmptyText()).ofSizeBetween(0, 4);
        Gen<List<Object>> values = lists().of(scalar()).ofSize(8);
        return keys.zip(values, integers().between(0, 3), (ks, vs, shape) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            int i = 0;
            for (String k : ks) {
                Object v = vs.get(i++ % vs.size());
                if (shape == 1) {
                    v = new ArrayList<>(vs.subList(0, 3));
                } else if (shape == 2) {
                    Map<String, Object> nested = new LinkedHashMap<>();
                    nested.put(k + "x", vs.get(4));
                    Map<String, Object> deep = new LinkedHashMap<>();
                    deep.put("deep", vs.get(6));
                    nested.put("list", java.util.Arrays.asList(vs.get(5), deep));
                    v = nested;
                }
                m.put(k, v);
            }
            return m;
        });
    }

    private static WorkItem item(String title, String description, Map<String, Object> metadata) {
        WorkItem w = Samples.task();
        UUID id = UUID.randomUUID();
        return w.toBuilder().id(id).parentId(null).path("/" + id).depth(0).title(title).description(description)
                .metadata(metadata).branchName(description).claimedBy(title).build();
    }

    @Test
    void codecRoundTripsAnyTextAndMetadata() {
        qt().withExamples(1000).forAll(nonEmptyText(), text(), metadata()).checkAssert((title, description, meta) -> {
            WorkItem w = item(title, description, meta);
            String file = RecordCodec.workItem(w);
            try {
                assertThat(RecordCodec.parseWorkItem("t.md", file)).isEqualTo(w);
            } catch (InvalidFileException e) {
                throw new AssertionError(e.getMessage() + "\n" + file, e);
            }
            assertThat(RecordCodec.workItem(w)).as("deterministic").isEqualTo(file);
        });
    }

    @Test
    void otherRecordTypesRoundTripAnyText() {
        qt().withExamples(500).forAll(nonEmptyText(), text()).checkAssert((a, b) -> {
            Vendor v = Samples.vendor();
            Vendor v2 = new Vendor(v.id(), v.version(), a, v.status(), b, v.metadata(), v.createdAt(), v.updatedAt(),
                    b, a);
            Enhancement e = Samples.enhancement();
            Enhancement e2 = new Enhancement(e.id(), 1, a, b, 3, e.status(), b, List.of(a, b), e.createdAt(),
                    e.updatedAt(), a, b);
            try {
                assertThat(RecordCodec.parseVendor("v.md", RecordCodec.vendor(v2))).isEqualTo(v2);
                assertThat(RecordCodec.parseEnhancement("e.md", RecordCodec.enhancement(e2))).isEqualTo(e2);
            } catch (InvalidFileException ex) {
                throw new AssertionError(ex.getMessage(), ex);
            }
        });
    }

    @Test
    void storeRoundTripsHostileRecordsThroughDisk(@TempDir Path tmp) {
        int[] n = {0};
        qt().withExamples(60).forAll(nonEmptyText(), text(), metadata()).checkAssert((title, description, meta) -> {
            Path dir = tmp.resolve("s" + n[0]++);
            WorkItem w = item(title, description, meta);
            try (MarkdownStore s = MarkdownStore.open(dir, "test", false)) {
                s.apply(new Mutation.InsertWorkItem(w));
            }
            try (MarkdownStore s = MarkdownStore.open(dir, "test", false)) {
                assertThat(s.invalidFiles()).isEmpty();
                assertThat(s.workItems().get(w.id())).contains(w);
            }
            try (var files = Files.list(dir.resolve("work-items"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(w.id() + ".md");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
