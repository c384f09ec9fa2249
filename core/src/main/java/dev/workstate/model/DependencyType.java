package dev.workstate.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * How two work items depend on each other: (A, B, blocks) means A blocks B; (A, B, depends_on) means A depends on B.
 *
 * <p>Thread-safe: an enum.
 */
public enum DependencyType {
    BLOCKS("blocks"),
    DEPENDS_ON("depends_on");

    private final String wire;

    DependencyType(String wire) {
        this.wire = wire;
    }

    /** The name used in JSON, the database and the CLI. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a wire name (exact, lower case); empty when unknown. */
    public static Optional<DependencyType> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(value)).findFirst();
    }

    /** The wire names, for error messages and schemas. */
    public static java.util.List<String> wireNames() {
        return Arrays.stream(values()).map(DependencyType::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
