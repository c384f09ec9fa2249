package dev.workstate.model;

import java.util.Map;

/**
 * Validated metadata of a deployment: the PR, the commit, test counts per category and the compliance flag.
 *
 * <p>Immutable; thread-safe.
 */
public record DeploymentMetadata(int prNumber, String prTitle, String commitHash, Map<String, Long> testSummary,
                                 boolean constitutionalCompliance) {
    public DeploymentMetadata {
        testSummary = testSummary == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(testSummary));
    }
}
