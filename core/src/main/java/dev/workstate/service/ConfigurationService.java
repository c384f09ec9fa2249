package dev.workstate.service;

import dev.workstate.model.ProjectConfiguration;

/**
 * Use cases of the project configuration: read (it always exists, with defaults on a fresh store) and update a subset
 * of fields; {@code current_session_id} must name an existing {@code session} item. Health fields are refreshed by the
 * store on every read of the configuration.
 *
 * <p>Implementations are thread-safe.
 */
public interface ConfigurationService {

    ProjectConfiguration get();

    ProjectConfiguration update(ConfigurationUpdate request);
}
