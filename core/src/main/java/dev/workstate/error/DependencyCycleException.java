package dev.workstate.error;

import java.util.List;
import java.util.Map;

/**
 * A dependency link, or a hierarchy move, would create a cycle (or a self-link).
 *
 * <p>Immutable; thread-safe.
 */
public final class DependencyCycleException extends WorkstateException {
    public DependencyCycleException(String message, List<String> cycle) {
        super(ErrorCode.DEPENDENCY_CYCLE, message, Map.of("cycle", List.copyOf(cycle)));
    }
}
