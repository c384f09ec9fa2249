package dev.workstate.error;

/**
 * One rejected input field: its snake_case name (dotted for nested metadata keys, e.g. {@code metadata.token_budget})
 * and why it was rejected.
 *
 * @param field snake_case field path
 * @param message human-readable reason, e.g. "must be between 1000 and 1000000"
 */
public record FieldError(String field, String message) {
}
