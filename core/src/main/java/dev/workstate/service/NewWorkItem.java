package dev.workstate.service;

import java.util.Map;

/**
 * A request to create a work item, in client terms: enums and ids are strings and are validated (all at once) by
 * {@link WorkItemService#create}. Null means "not given".
 *
 * @param status defaults to {@code active}
 * @param createdBy defaults to the configured client id
 *
 * <p>Immutable; thread-safe.
 */
public record NewWorkItem(String itemType, String title, String description, Map<String, Object> metadata,
                          String parentId, String status, String branchName, String commitHash, Integer prNumber,
                          String createdBy) {
}
