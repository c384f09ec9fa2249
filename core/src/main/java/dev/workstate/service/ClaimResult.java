package dev.workstate.service;

import dev.workstate.model.WorkItem;
import java.time.Instant;

/**
 * The outcome of a claim, renew or release: whether it took effect, and who holds the item now.
 *
 * <p>Immutable; thread-safe.
 */
public record ClaimResult(boolean granted, String action, String claimedBy, Instant claimExpiresAt, WorkItem item) {
}
