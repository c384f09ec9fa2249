package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Golden files: a fixed record always gives exactly the bytes in {@code src/test/resources/golden}, and those bytes read
 * back into the same record. Regenerate with {@code -Dgolden.update=true} after a deliberate format change.
 */
class GoldenFileTest {
    private static final Map<String, Supplier<String>> CASES = Map.of(
            "work-item.md", () -> RecordCodec.workItem(Samples.task()),
            "project.md", () -> RecordCodec.workItem(Samples.project()),
            "vendor.md", () -> RecordCodec.vendor(Samples.vendor()),
            "deployment.md", () -> RecordCodec.deployment(Samples.deployment()),
            "enhancement.md", () -> RecordCodec.enhancement(Samples.enhancement()),
            "configuration.md", () -> RecordCodec.configuration(Samples.configuration()),
            "dependency.md", () -> RecordCodec.dependency(Samples.dependency()));

    private static String golden(String name) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path p = Path.of("src/test/resources/golden", name);
            Files.writeString(p, CASES.get(name).get(), StandardCharsets.UTF_8);
            return CASES.get(name).get();
        }
        try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyRecordTypeRendersExactlyItsGoldenFile() throws IOException {
        for (Map.Entry<String, Supplier<String>> e : CASES.entrySet()) {
            assertThat(e.getValue().get()).as(e.getKey()).isEqualTo(golden(e.getKey()));
        }
    }

    @Test
    void goldenFilesParseBackIntoTheSameRecords() throws Exception {
        assertThat(RecordCodec.parseWorkItem("w", golden("work-item.md"))).isEqualTo(Samples.task());
        assertThat(RecordCodec.parseWorkItem("w", golden("project.md"))).isEqualTo(Samples.project());
        assertThat(RecordCodec.parseVendor("v", golden("vendor.md"))).isEqualTo(Samples.vendor());
        assertThat(RecordCodec.parseDeployment("d", golden("deployment.md"))).isEqualTo(Samples.deployment());
        assertThat(RecordCodec.parseEnhancement("e", golden("enhancement.md"))).isEqualTo(Samples.enhancement());
        assertThat(RecordCodec.parseConfiguration("c", golden("configuration.md")))
                .isEqualTo(Samples.configuration());
        assertThat(RecordCodec.parseDependency("x", golden("dependency.md"))).isEqualTo(Samples.dependency());
    }

    @Test
    void numbersComeBackWithTheirTypes() throws Exception {
        Map<String, Object> meta = RecordCodec.parseWorkItem("w", golden("work-item.md")).metadata();
        assertThat(meta.get("estimated_hours")).isInstanceOf(Double.class).isEqualTo(4.5);
        assertThat(meta.get("actual_hours")).isInstanceOf(Long.class).isEqualTo(2L);
    }

    @Test
    void theSameRecordWrittenTwiceGivesTheSameBytesWhateverItsMapOrder() {
        var a = Samples.task();
        var reordered = new java.util.LinkedHashMap<String, Object>();
        var keys = new java.util.ArrayList<>(a.metadata().keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> reordered.put(k, a.metadata().get(k)));
        var b = a.toBuilder().metadata(reordered).build();
        assertThat(RecordCodec.workItem(b)).isEqualTo(RecordCodec.workItem(a));
    }
}
