package dev.workstate.storage.markdown.internal;

import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import java.util.UUID;

/**
 * The identity of a dependency link: source, target and type.
 *
 * <p>Immutable; thread-safe.
 */
record DepKey(UUID sourceId, UUID targetId, DependencyType type) {
    static DepKey of(Dependency d) {
        return new DepKey(d.sourceId(), d.targetId(), d.dependencyType());
    }
}
