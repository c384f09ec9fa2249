package dev.workstate.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.workstate.internal.Json;
import dev.workstate.model.Ids;
import dev.workstate.model.ItemType;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class JsonProblemsTest {
    private static final JavaType ITEMS = Json.mapper().getTypeFactory().constructCollectionType(List.class,
            WorkItem.class);

    private static String itemsJson(Consumer<ObjectNode> breakIt) {
        Instant t = Instant.parse("2026-03-04T05:06:07Z");
        WorkItem w = WorkItem.builder().id(Ids.newId()).version(1).itemType(ItemType.TASK).title("t")
                .status(WorkItemStatus.ACTIVE).path("/x").depth(0).metadata(Map.of()).createdAt(t).updatedAt(t)
                .createdBy("c").updatedBy("c").build();
        ArrayNode list = Json.mapper().createArrayNode();
        list.add(Json.mapper().valueToTree(w));
        list.add(Json.mapper().valueToTree(w.toBuilder().id(Ids.newId()).build()));
        breakIt.accept((ObjectNode) list.get(1));
        return Json.mapper().writeValueAsString(list);
    }

    private static String problem(String json, JavaType type) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> Json.mapper().readValue(json, type));
        assertThat(e).as("the document must not bind").isNotNull();
        String reason = JsonProblems.describe(e);
        assertThat(reason).doesNotContain("java.", "dev.workstate", "`", "Exception", "Cannot deserialize");
        return reason;
    }

    @Test
    void aValueOfTheWrongKindIsNamedByItsPlaceAndWhatWasExpected() {
        assertThat(problem(itemsJson(o -> o.put("version", "abc")), ITEMS))
                .isEqualTo("[1].version: must be a whole number (got \"abc\")");
        assertThat(problem(itemsJson(o -> o.put("status", "bogus")), ITEMS))
                .startsWith("[1].status: must be one of ").contains("active", "blocked", "completed")
                .endsWith("(got \"bogus\")");
        assertThat(problem(itemsJson(o -> o.put("created_at", "yesterday")), ITEMS))
                .isEqualTo("[1].created_at: must be an ISO-8601 instant such as 2026-01-02T03:04:05Z (got \"yesterday\")");
        assertThat(problem(itemsJson(o -> o.put("id", "not-a-uuid")), ITEMS))
                .isEqualTo("[1].id: must be a UUID (got \"not-a-uuid\")");
        assertThat(problem(itemsJson(o -> o.putArray("metadata").add(1)), ITEMS))
                .isEqualTo("[1].metadata: must be a JSON object");
        assertThat(problem(itemsJson(o -> o.put("depth", "x".repeat(100))), ITEMS))
                .startsWith("[1].depth: must be a whole number (got \"xxxx").endsWith("…)").hasSizeLessThan(90);
        assertThat(problem("{\"not\": \"a list\"}", ITEMS)).isEqualTo("must be a JSON array");
    }

    @Test
    void brokenJsonSaysWhereAndARecordThatRefusesItsValuesGivesItsOwnReason() {
        assertThat(problem("[{\"id\": }]", ITEMS)).startsWith("[0]: is not valid JSON at line 1, column 9: ");
        String vendor = "[{\"id\":\"" + Ids.newId() + "\",\"version\":1,\"name\":\"Acme\",\"status\":\"operational\","
                + "\"metadata\":null,\"created_at\":\"2026-03-04T05:06:07Z\",\"updated_at\":\"2026-03-04T05:06:07Z\","
                + "\"created_by\":\"c\",\"updated_by\":\"c\"}]";
        assertThat(problem(vendor, Json.mapper().getTypeFactory().constructCollectionType(List.class, Vendor.class)))
                .isEqualTo("[0]: vendor metadata is required");
    }
}
