package dev.workstate.port;

import dev.workstate.model.ProjectConfiguration;

/**
 * Reads the project configuration. Stores create the default row when they are first opened, so it always exists.
 *
 * <p>Implementations are thread-safe.
 */
public interface ConfigurationPort {

    ProjectConfiguration get();
}
