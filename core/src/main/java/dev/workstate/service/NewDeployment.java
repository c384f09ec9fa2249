package dev.workstate.service;

import java.util.List;
import java.util.Map;

/**
 * A request to record a deployment: ISO-8601 {@code deployedAt}, metadata ({@code pr_number}, {@code pr_title},
 * {@code commit_hash}, {@code test_summary}, {@code constitutional_compliance}) and the ids of linked vendors and work
 * items (as strings; duplicates are a validation error, unknown ids NOT_FOUND).
 *
 * <p>Immutable; thread-safe.
 */
public record NewDeployment(String deployedAt, Map<String, Object> metadata, List<String> vendorIds,
                            List<String> workItemIds, String createdBy) {
}
