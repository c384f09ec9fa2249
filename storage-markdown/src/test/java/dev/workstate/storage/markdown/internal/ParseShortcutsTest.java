package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The shortcuts taken when a store opens give exactly what the general code gives: the plain-scalar tag shortcut
 * against SnakeYAML's core-schema resolver, and the instant shortcut against {@link Instant#parse} (same instant, or
 * the same refusal).
 */
class ParseShortcutsTest {
    private static final String[] PIECES = {
        "0", "1", "7", "9", "a", "b", "e", "E", "f", "F", "x", "o", "i", "n", "N", "I", "A", "-", "+", ".", "_", "inf",
        "Inf", "INF", "nan", "NaN", "NAN", "0x", "0o", "e+", "E-", "T", "Q", ":", " ", "~", "true", "False", "null",
        "Null", "$", "${", "}", "<<", "<", "t", "f", "nu", "ll", "TRUE", "FALSE", "NULL", "~",
    };

    @Test
    void scalarTagShortcutAgreesWithTheCoreSchema() {
        ScalarResolver core = new CoreSchema().getScalarResolver();
        qt().withExamples(30_000).forAll(lists().of(arbitrary().pick(PIECES)).ofSizeBetween(1, 6))
                .checkAssert(pieces -> {
                    // text starting with anything else keeps the older first-character shortcut (which, unlike the
                    // core schema, reads "<<" as text, as it always did)
                    String s = String.join("", pieces);
                    if ("-+.0123456789~nNtTfF$".indexOf(s.charAt(0)) >= 0) {
                        assertThat(FrontMatter.resolve(s)).as(s).isEqualTo(core.resolve(s, true));
                    }
                });
        for (String s : List.of(UUID.randomUUID().toString(), "2025-01-01T12:30:00.000Z", "2025-Q1", "1.1.1", "-5",
                "+5", "1e10", "null", "nulls", "Null", "true", "TRUE", "True", "tru", "false", "no", "n", "t", "0", "-0",
                "+", "--1", "1-", "123456789012345678901234567890", "1.0E+10", "-.inf", ".NaN", "0x1F", "0o17", "007", "1_000", "12:30", "-", "+", ".")) {
            assertThat(FrontMatter.resolve(s)).as(s).isEqualTo(core.resolve(s, true));
        }
    }

    @Test
    void instantShortcutAgreesWithInstantParse() {
        qt().withExamples(20_000).forAll(longs().between(-62_135_596_800_000L, 253_402_300_799_999L))
                .checkAssert(millis -> {
                    String text = Fields.instant(Instant.ofEpochMilli(millis));
                    assertThat(Fields.parseInstant(text)).isEqualTo(Instant.parse(text))
                            .isEqualTo(Instant.ofEpochMilli(millis));
                });
        qt().withExamples(20_000).forAll(integers().between(0, 9999), integers().between(0, 13),
                integers().between(0, 32), integers().between(0, 99_99_99_999)).checkAssert((y, mo, d, rest) -> {
                    String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, mo, d, rest % 25,
                            rest / 100 % 61, rest / 10_000 % 61, rest / 1_000_000 % 1000);
                    sameAsInstantParse(text);
                });
        for (String s : List.of("2024-02-29T00:00:00.000Z", "2023-02-29T00:00:00.000Z", "2026-11-26T24:00:00.000Z",
                "2026-11-26T23:59:60.000Z", "2026-11-26T10:15:42.12Z", "2026-11-26T10:15:42Z", "2026-1-26T10:15:42.120Z",
                "2026-11-26 10:15:42.120Z", "2026-11-26T10:15:42.120+01:00", "+2026-11-26T10:15:42.120Z",
                "2026-11-26T10:15:42.1x0Z", "２026-11-26T10:15:42.120Z")) {
            sameAsInstantParse(s);
        }
    }

    private static void sameAsInstantParse(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeException e) {
            assertThatThrownBy(() -> Fields.parseInstant(text)).as(text).isInstanceOf(DateTimeException.class);
            return;
        }
        assertThat(Fields.parseInstant(text)).as(text).isEqualTo(expected);
    }
}
