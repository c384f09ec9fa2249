package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The journal header is written and read without the JSON mapper, in exactly the form the mapper writes. */
class JournalHeaderTest {
    @Test
    void writtenFormIsTheMappersAndReadsBack() {
        for (long seq : new long[] {0, 1, 42, 999_999_999_999L, 100_000_000_000_000_000L}) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("base_seq", seq);
            m.put("journal_id", id);
            Journal.Header h = new Journal.Header(seq, id);
            assertThat(h.json()).isEqualTo(Json.write(m));
            assertThat(Journal.Header.parse(h.json())).isEqualTo(h);
        }
    }

    @Test
    void anythingElseIsLeftToTheMapper() {
        String id = UUID.randomUUID().toString();
        for (String odd : new String[] {
            "{\"base_seq\": 1,\"journal_id\":\"" + id + "\"}",
            "{\"base_seq\":-1,\"journal_id\":\"" + id + "\"}",
            "{\"base_seq\":01,\"journal_id\":\"" + id + "\"}",
            "{\"base_seq\":,\"journal_id\":\"" + id + "\"}",
            "{\"base_seq\":1234567890123456789,\"journal_id\":\"" + id + "\"}",
            "{\"base_seq\":1,\"journal_id\":\"" + id + "\",\"x\":1}",
            "{\"base_seq\":1,\"journal_id\":null}",
            "{\"base_seq\":1,\"journal_id\":\"" + id.toUpperCase() + "\"}",
            "{\"base_seq\":1,\"journal_id\":\"" + id + "x\"}",
            "{\"journal_id\":\"" + id + "\",\"base_seq\":1}",
            "{\"seq\":1,\"ops\":[]}",
        }) {
            assertThat(Journal.Header.parse(odd)).as(odd).isNull();
        }
    }
}
