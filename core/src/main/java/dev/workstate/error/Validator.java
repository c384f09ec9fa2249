package dev.workstate.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors while validating one input and throws them all at once.
 *
 * <p>Not thread-safe: use one instance per validation.
 */
public final class Validator {
    private final List<FieldError> errors = new ArrayList<>();

    public Validator reject(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean check(boolean ok, String field, String message) {
        if (!ok) {
            reject(field, message);
        }
        return ok;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws a {@link ValidationException} listing every collected error, if any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
