package dev.workstate.service;

import java.util.List;

/**
 * What a replay did: entries applied upward, conflicts recorded, entries still pending, and per-layer notes.
 *
 * <p>Immutable; thread-safe.
 */
public record SyncReport(long replayed, long conflicts, long remaining, List<String> notes) {
}
