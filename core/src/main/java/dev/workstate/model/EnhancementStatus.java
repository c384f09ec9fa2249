package dev.workstate.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Lifecycle status of a future enhancement.
 *
 * <p>Thread-safe: an enum.
 */
public enum EnhancementStatus {
    PLANNED("planned"),
    APPROVED("approved"),
    IMPLEMENTING("implementing"),
    COMPLETED("completed");

    private final String wire;

    EnhancementStatus(String wire) {
        this.wire = wire;
    }

    /** The name used in JSON, the database and the CLI. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a wire name (exact, lower case); empty when unknown. */
    public static Optional<EnhancementStatus> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(value)).findFirst();
    }

    /** The wire names, for error messages and schemas. */
    public static java.util.List<String> wireNames() {
        return Arrays.stream(values()).map(EnhancementStatus::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
