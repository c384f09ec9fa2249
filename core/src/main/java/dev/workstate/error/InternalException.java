package dev.workstate.error;

import java.util.Map;

/**
 * Something unexpected happened. Clients see a generic message; the cause goes to the log only.
 *
 * <p>Immutable; thread-safe.
 */
public final class InternalException extends WorkstateException {
    public InternalException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, Map.of(), cause);
    }
}
