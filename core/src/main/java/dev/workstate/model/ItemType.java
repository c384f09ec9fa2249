package dev.workstate.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of a work item; any type may parent any other.
 *
 * <p>Thread-safe: an enum.
 */
public enum ItemType {
    PROJECT("project"),
    SESSION("session"),
    TASK("task"),
    RESEARCH("research");

    private final String wire;

    ItemType(String wire) {
        this.wire = wire;
    }

    /** The name used in JSON, the database and the CLI. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a wire name (exact, lower case); empty when unknown. */
    public static Optional<ItemType> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(value)).findFirst();
    }

    /** The wire names, for error messages and schemas. */
    public static java.util.List<String> wireNames() {
        return Arrays.stream(values()).map(ItemType::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
