package dev.workstate.service;

import dev.workstate.model.Deployment;
import dev.workstate.model.Page;

/**
 * Use cases of the append-only deployment log: record (with links, all or nothing), list newest first with filters,
 * and show one with its links resolved.
 *
 * <p>Implementations are thread-safe.
 */
public interface DeploymentService {

    Deployment record(NewDeployment request);

    /** @param limit 1-100 (default 10 like the reference's recent deployments) */
    Page<Deployment> list(Integer limit, Integer offset, String vendorId, String workItemId, String commitHash);

    DeploymentView get(String id);
}
