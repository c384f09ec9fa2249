package dev.workstate.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.workstate.model.Deployment;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItemSummary;
import java.util.List;

/**
 * A deployment with the vendors and work items it links, resolved.
 *
 * <p>Immutable; thread-safe.
 */
public record DeploymentView(@JsonUnwrapped Deployment deployment, List<Vendor> vendors,
                             List<WorkItemSummary> workItems) {
}
