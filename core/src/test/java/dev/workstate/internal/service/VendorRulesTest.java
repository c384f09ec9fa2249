package dev.workstate.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.workstate.error.FieldError;
import dev.workstate.error.Validator;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.TestResults;
import dev.workstate.model.VendorMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VendorRulesTest {

    private static List<String> fields(Validator v) {
        return v.errors().stream().map(FieldError::field).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vendor_abc", "Vendor-1", "A", "acme corp 2", "x_y-z 9"})
    void acceptsNames(String name) {
        Validator v = new Validator();
        assertThat(VendorRules.name(v, "name", name)).isEqualTo(name);
        assertThat(v.hasErrors()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "a.b", "a/b", "vendor!", "ünïcode", " lead", "trail ", "tab\tname"})
    void rejectsNames(String name) {
        Validator v = new Validator();
        assertThat(VendorRules.name(v, "name", name)).isNull();
        assertThat(fields(v)).containsExactly("name");
    }

    @Test
    void nameLengthBounds() {
        Validator ok = new Validator();
        assertThat(VendorRules.name(ok, "name", "n".repeat(100))).isNotNull();
        Validator bad = new Validator();
        assertThat(VendorRules.name(bad, "name", "n".repeat(101))).isNull();
        assertThat(bad.errors().get(0).message()).contains("100");
        Validator missing = new Validator();
        VendorRules.name(missing, "name", null);
        assertThat(missing.errors().get(0).message()).isEqualTo("is required");
    }

    @Test
    void emptyOrNullMetadataGivesCompleteDefaults() {
        Validator v = new Validator();
        assertThat(VendorRules.merge(v, "metadata", VendorMetadata.DEFAULTS, null)).isEqualTo(VendorMetadata.DEFAULTS);
        assertThat(VendorRules.merge(v, "metadata", VendorMetadata.DEFAULTS, Map.of()))
                .isEqualTo(new VendorMetadata(new FormatSupport(false, false, false, false), new TestResults(0, 0, 0),
                        "0.0.0", false));
        assertThat(v.hasErrors()).isFalse();
    }

    @Test
    void mergesNestedKeysOneByOne() {
        VendorMetadata base = new VendorMetadata(new FormatSupport(true, true, false, false), new TestResults(10, 12, 2),
                "1.2.3", true);
        Validator v = new Validator();
        VendorMetadata merged = VendorRules.merge(v, "metadata", base,
                Map.of("format_support", Map.of("pdf", true), "test_results", Map.of("passing", 9)));
        assertThat(v.hasErrors()).isFalse();
        assertThat(merged).isEqualTo(new VendorMetadata(new FormatSupport(true, true, true, false),
                new TestResults(9, 12, 2), "1.2.3", true));
    }

    @Test
    void rejectsUnknownKeysAtEveryLevel() {
        Validator v = new Validator();
        assertThat(VendorRules.merge(v, "metadata", VendorMetadata.DEFAULTS, Map.of("scaffolder_version", "1",
                "format_support", Map.of("docx", true), "test_results", Map.of("failing", 1)))).isNull();
        assertThat(fields(v)).containsExactlyInAnyOrder("metadata.scaffolder_version",
                "metadata.format_support.docx", "metadata.test_results.failing");
    }

    @Test
    void typesAreStrict() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("format_support", Map.of("excel", "true"));
        bad.put("test_results", Map.of("passing", "10", "total", 12.0, "skipped", true));
        bad.put("extractor_version", 1);
        bad.put("manifest_compliant", "yes");
        Validator v = new Validator();
        assertThat(VendorRules.merge(v, "metadata", VendorMetadata.DEFAULTS, bad)).isNull();
        assertThat(fields(v)).containsExactlyInAnyOrder("metadata.format_support.excel",
                "metadata.test_results.passing", "metadata.test_results.total", "metadata.test_results.skipped",
                "metadata.extractor_version", "metadata.manifest_compliant");

        Validator nested = new Validator();
        VendorRules.merge(nested, "metadata", VendorMetadata.DEFAULTS, Map.of("format_support", List.of("excel"),
                "test_results", 5));
        assertThat(fields(nested)).containsExactlyInAnyOrder("metadata.format_support", "metadata.test_results");

        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("manifest_compliant", null);
        Validator nulls = new Validator();
        VendorRules.merge(nulls, "metadata", VendorMetadata.DEFAULTS, withNull);
        assertThat(fields(nulls)).containsExactly("metadata.manifest_compliant");
    }

    @Test
    void testCountsMustAddUp() {
        Validator negative = new Validator();
        VendorRules.merge(negative, "metadata", VendorMetadata.DEFAULTS, Map.of("test_results",
                Map.of("passing", -1, "total", 5, "skipped", 0)));
        assertThat(fields(negative)).containsExactly("metadata.test_results.passing");

        Validator tooMany = new Validator();
        VendorRules.merge(tooMany, "metadata", VendorMetadata.DEFAULTS, Map.of("test_results",
                Map.of("passing", 10, "total", 12, "skipped", 3)));
        assertThat(fields(tooMany)).containsExactly("metadata.test_results");
        assertThat(tooMany.errors().get(0).message()).contains("10 + 3 > 12");

        Validator exact = new Validator();
        assertThat(VendorRules.merge(exact, "metadata", VendorMetadata.DEFAULTS, Map.of("test_results",
                Map.of("passing", 10, "total", 12, "skipped", 2))).testResults()).isEqualTo(new TestResults(10, 12, 2));
    }

    @Test
    void mergedCountsAreCheckedTogether() {
        // total lowered below the stored passing count: only the merged whole reveals the violation
        VendorMetadata base = new VendorMetadata(FormatSupport.NONE, new TestResults(10, 12, 0), "1.0.0", false);
        Validator v = new Validator();
        assertThat(VendorRules.merge(v, "metadata", base, Map.of("test_results", Map.of("total", 5)))).isNull();
        assertThat(fields(v)).containsExactly("metadata.test_results");
    }

    @Test
    void extractorVersionBounds() {
        Validator ok = new Validator();
        assertThat(VendorRules.merge(ok, "metadata", VendorMetadata.DEFAULTS, Map.of("extractor_version",
                "v".repeat(50))).extractorVersion()).hasSize(50);
        for (String bad : List.of("", "  ", "v".repeat(51))) {
            Validator v = new Validator();
            assertThat(VendorRules.merge(v, "metadata", VendorMetadata.DEFAULTS, Map.of("extractor_version", bad)))
                    .isNull();
            assertThat(fields(v)).containsExactly("metadata.extractor_version");
        }
    }

    @Test
    void anyValidCountsAreAcceptedAndAnyInvalidRejected() {
        qt().forAll(integers().between(-5, 60), integers().between(-5, 60), integers().between(-5, 60))
                .checkAssert((passing, total, skipped) -> {
                    Validator v = new Validator();
                    VendorMetadata m = VendorRules.merge(v, "metadata", VendorMetadata.DEFAULTS, Map.of("test_results",
                            Map.of("passing", passing, "total", total, "skipped", skipped)));
                    boolean valid = passing >= 0 && total >= 0 && skipped >= 0 && passing + skipped <= total;
                    assertThat(m != null).isEqualTo(valid);
                    assertThat(v.hasErrors()).isEqualTo(!valid);
                });
    }
}
