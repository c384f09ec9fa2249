package dev.workstate.port;

import java.time.Instant;

/**
 * A change a lower layer accepted while a higher one was down, waiting to be replayed upward, in {@code seq} order.
 *
 * <p>Immutable; thread-safe.
 */
public record OutboxEntry(long seq, Instant queuedAt, Mutation mutation) {
}
