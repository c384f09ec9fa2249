package dev.workstate.mcp.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.workstate.error.FieldError;
import dev.workstate.error.ValidationException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Argument checking against parameter declarations, and the schema each declaration generates. */
class ArgsTest {
    static final List<Param> PARAMS = List.of(
            Param.uuid("id").required(),
            Param.integer("limit").range(1, 100),
            Param.string("title").maxLength(5),
            Param.oneOf("status", List.of("active", "completed")),
            Param.string("branch").nullable(),
            Param.bool("flag"),
            Param.uuids("ids"),
            Param.object("meta"));
    static final String ID = "01890000-0000-7000-8000-000000000001";

    private static List<String> fields(Map<String, Object> raw) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> Args.check(raw, PARAMS));
        assertThat(e).as("%s", raw).isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    private static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", ID);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void acceptsWellTypedArgumentsAndIntegralNumbers() {
        Args a = Args.check(with("limit", 5.0, "title", "abc", "status", "active", "flag", true,
                "ids", List.of(ID), "meta", Map.of("k", 1)), PARAMS);
        assertThat(a.integer("limit")).isEqualTo(5);
        assertThat(a.flag("flag", false)).isTrue();
        assertThat(a.flag("missing", true)).isTrue();
        assertThat(a.strings("ids")).containsExactly(ID);
        assertThat(Args.check(with("limit", BigInteger.TEN), PARAMS).longValue("limit")).isEqualTo(10L);
    }

    @Test
    void rejectsEveryProblemAtOnce() {
        assertThat(fields(with("limit", "5", "title", "toolong", "status", "done", "flag", "yes", "ids", List.of(ID, ID),
                "meta", "x", "extra", 1))).containsExactlyInAnyOrder("limit", "title", "status", "flag", "ids[1]",
                "meta", "extra");
        assertThat(fields(Map.of())).containsExactly("id");
        assertThat(fields(with("id", "nope"))).containsExactly("id");
        assertThat(fields(with("limit", 0))).containsExactly("limit");
        assertThat(fields(with("limit", 2.5))).containsExactly("limit");
        assertThat(fields(with("limit", new BigInteger("99999999999999999999")))).containsExactly("limit");
    }

    @Test
    void nullClearsNullableParametersAndIsIgnoredOtherwise() {
        Map<String, Object> raw = with("branch", null, "title", null);
        Args a = Args.check(raw, PARAMS);
        assertThat(a.tri("branch", String.class)).isEqualTo(Optional.empty());
        assertThat(a.tri("title", String.class)).isNull();
        assertThat(a.isNull("branch")).isTrue();
        Map<String, Object> missingRequired = new HashMap<>();
        missingRequired.put("id", null);
        assertThat(fields(missingRequired)).containsExactly("id");
    }

    @Test
    void schemaIsClosedWithBounds() {
        ToolDef def = ToolDef.query("t", "d", PARAMS, Map.of("type", "object"), (a, c) -> null);
        Map<String, Object> schema = def.inputSchema();
        assertThat(schema).containsEntry("additionalProperties", false).containsEntry("required", List.of("id"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) schema.get("properties");
        assertThat(props.get("limit")).containsEntry("minimum", 1L).containsEntry("maximum", 100L);
        assertThat(props.get("branch").get("type")).isEqualTo(List.of("string", "null"));
        assertThat(props.get("id")).containsEntry("format", "uuid");
    }
}
