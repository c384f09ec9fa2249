package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The fast audit-line reader against Jackson: on every line it accepts it gives exactly the event Jackson reads, it
 * declines every line Jackson rejects, and it accepts what the store writes.
 */
class AuditLineReaderTest {
    private static final String[] FRAGMENTS = {
        "a", "Z", "{", "}", "\"", "\\", "\\\"", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f", "\u007f", "é",
        "😀", "\uD800", "\u2028", "null", ",", ":", " ", "{\"id\":1}", "\\u0041",
    };

    private static Gen<String> text() {
        return lists().of(arbitrary().pick(FRAGMENTS)).ofSizeBetween(0, 6).map(l -> String.join("", l));
    }

    private static Gen<AuditEvent> events() {
        Gen<String> nullable = text().mix(arbitrary().constant((String) null), 20);
        return longs().between(0, 253_402_300_799_999L).zip(arbitrary().enumValues(EntityType.class), nullable,
                nullable, nullable, (millis, type, a, b, c) -> new AuditEvent(UUID.randomUUID(), type,
                        UUID.randomUUID().toString(), a, b, Instant.ofEpochMilli(millis), c, a));
    }

    private static boolean agrees(String line) {
        AuditEvent fast = AuditLineReader.read(line);
        AuditEvent jackson;
        try {
            jackson = Json.read(line, AuditEvent.class);
        } catch (RuntimeException e) {
            if (fast != null) {
                fail("Jackson rejects (" + e.getMessage() + ") but the fast reader accepts: " + line);
            }
            return false;
        }
        if (fast != null) {
            assertThat(fast).as(line).isEqualTo(jackson);
        }
        return fast != null;
    }

    @Test
    void readsWhatTheStoreWritesLikeJackson() {
        qt().withExamples(3000).forAll(events()).checkAssert(e -> {
            String line = JsonCodec.auditLine(e);
            assertThat(agrees(line)).as("fast path for %s", line).isTrue();
            assertThat(JsonCodec.parseAudit(line)).isEqualTo(e);
        });
    }

    @Test
    void agreesWithJacksonOnRandomEditsOfWrittenLines() {
        Gen<String> edited = events().map(JsonCodec::auditLine).zip(integers().between(0, Integer.MAX_VALUE),
                integers().between(0, 8), arbitrary().pick(FRAGMENTS), integers().between(0, 3),
                (line, at, len, fragment, kind) -> {
                    int a = at % line.length();
                    int b = Math.min(line.length(), a + len);
                    return switch (kind) {
                        case 0 -> line.substring(0, a) + fragment + line.substring(a);
                        case 1 -> line.substring(0, a) + line.substring(b);
                        default -> line.substring(0, a) + fragment + line.substring(b);
                    };
                });
        qt().withExamples(10_000).forAll(edited).checkAssert(AuditLineReaderTest::agrees);
    }

    @Test
    void agreesWithJacksonOnHandWrittenLines() {
        String id = "\"id\":\"01a2165b-80e6-7000-9d9a-ac445340a55b\"";
        String rest = "\"entity_id\":\"x\",\"operation\":\"create\",\"actor\":\"a\",\"at\":\"2025-01-01T00:00:00Z\","
                + "\"before\":null,\"after\":\"{}\"}";
        for (String line : List.of(
                "{" + id + ",\"entity_type\":\"vendor\"," + rest,
                "{" + id + ",\"entity_type\":\"VENDOR\"," + rest,
                "{" + id + ",\"entity_type\":\"Vendor\"," + rest,
                "{" + id + ",\"entity_type\":\"nope\"," + rest,
                "{" + id + ",\"entity_type\":null," + rest,
                "{\"id\":\"01A2165B-80E6-7000-9D9A-AC445340A55B\",\"entity_type\":\"vendor\"," + rest,
                "{\"id\":\"1-1-1-1-1\",\"entity_type\":\"vendor\"," + rest,
                "{\"id\":null,\"entity_type\":\"vendor\"," + rest,
                "{" + id + ", \"entity_type\":\"vendor\"," + rest,
                "{" + id + ",\"entity_type\":\"vendor\"," + rest + " ",
                "{" + id + ",\"entity_type\":\"vendor\"," + rest + "x",
                "{" + id + ",\"entity_type\":\"vendor\"," + rest.replace("2025-01-01T00:00:00Z", "2025-01-01T00:00:00+01:00"),
                "{" + id + ",\"entity_type\":\"vendor\"," + rest.replace("2025-01-01T00:00:00Z", "2025-01-01"),
                "{" + id + ",\"entity_type\":\"vendor\"," + rest.replace("2025-01-01T00:00:00Z", "1735689600"),
                "{" + id + ",\"entity_type\":\"vendor\"," + rest.replace("\"{}\"", "\"\\u00e9\\ud83d\\ude00\\/\""),
                "{" + id + ",\"entity_type\":\"vendor\"," + rest.replace("\"{}\"", "\"\\'\""),
                "{" + id + ",\"entity_type\":\"vendor\"," + rest.replace("\"{}\"", "\"\\u00G0\""),
                "{" + id + ",\"entity_type\":\"vendor\"," + rest.replace("\"{}\"", "1"),
                "{" + id + ",\"entity_type\":\"vendor\"," + rest.replace("\"{}\"", "\"{}\",\"extra\":1"),
                "{" + id + "," + id + ",\"entity_type\":\"vendor\"," + rest, "", "{}", "null")) {
            agrees(line);
        }
    }
}
