package dev.workstate.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of record the store keeps; used by the audit log, the outbox and conflicts.
 *
 * <p>Thread-safe: an enum.
 */
public enum EntityType {
    WORK_ITEM("work_item"),
    VENDOR("vendor"),
    DEPLOYMENT("deployment"),
    CONFIGURATION("configuration"),
    ENHANCEMENT("enhancement"),
    DEPENDENCY("dependency");

    private final String wire;

    EntityType(String wire) {
        this.wire = wire;
    }

    /** The name used in JSON, the database and the CLI. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a wire name (exact, lower case); empty when unknown. */
    public static Optional<EntityType> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(value)).findFirst();
    }

    /** The wire names, for error messages and schemas. */
    public static java.util.List<String> wireNames() {
        return Arrays.stream(values()).map(EntityType::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
