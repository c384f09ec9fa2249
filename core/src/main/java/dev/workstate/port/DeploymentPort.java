package dev.workstate.port;

import dev.workstate.model.Deployment;
import dev.workstate.model.Page;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of deployments, each with its vendor and work-item links.
 *
 * <p>Implementations are thread-safe.
 */
public interface DeploymentPort {

    Optional<Deployment> get(UUID id);

    Page<Deployment> list(DeploymentFilter filter);
}
