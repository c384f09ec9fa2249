package dev.workstate.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Lifecycle status of a work item.
 *
 * <p>Thread-safe: an enum.
 */
public enum WorkItemStatus {
    ACTIVE("active"),
    COMPLETED("completed"),
    BLOCKED("blocked");

    private final String wire;

    WorkItemStatus(String wire) {
        this.wire = wire;
    }

    /** The name used in JSON, the database and the CLI. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a wire name (exact, lower case); empty when unknown. */
    public static Optional<WorkItemStatus> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(value)).findFirst();
    }

    /** The wire names, for error messages and schemas. */
    public static java.util.List<String> wireNames() {
        return Arrays.stream(values()).map(WorkItemStatus::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
