package dev.workstate.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input was rejected; nothing was changed. {@link #errors()} lists every offending field.
 *
 * <p>Immutable; thread-safe.
 */
public final class ValidationException extends WorkstateException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(ErrorCode.VALIDATION_ERROR, summarise(errors), detailsOf(errors));
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summarise(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "invalid input";
        }
        FieldError first = errors.get(0);
        String head = first.field() + ": " + first.message();
        return errors.size() == 1 ? head : head + " (and " + (errors.size() - 1) + " more)";
    }

    private static Map<String, Object> detailsOf(List<FieldError> errors) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FieldError e : errors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", e.field());
            m.put("message", e.message());
            fields.add(m);
        }
        return Map.of("fields", fields);
    }
}
