package dev.workstate.port;

/**
 * Which layer answered a call, whether its data may be stale (a fallback layer answered while a higher one is down),
 * and an optional one-line warning for clients.
 *
 * <p>Immutable; thread-safe.
 */
public record ServedBy(String layer, boolean stale, String warning) {
}
