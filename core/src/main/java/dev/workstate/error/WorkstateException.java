package dev.workstate.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every domain outcome that is not a success: carries a stable {@link ErrorCode}, a client-safe message and
 * structured details (snake_case keys, JSON-serialisable values).
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public abstract class WorkstateException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    protected WorkstateException(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    protected WorkstateException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** Structured details for clients; never contains SQL, stack traces or file system paths. */
    public Map<String, Object> details() {
        return details;
    }
}
