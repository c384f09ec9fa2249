package dev.workstate.error;

/**
 * The stable error codes every entry point reports (SPEC §4); frontends map them to MCP results and CLI exit codes.
 *
 * <p>Thread-safe: an enum.
 */
public enum ErrorCode {
    VALIDATION_ERROR(3),
    NOT_FOUND(4),
    VERSION_CONFLICT(5),
    DUPLICATE(5),
    DEPENDENCY_CYCLE(3),
    STORAGE_UNAVAILABLE(6),
    INTERNAL(1);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The CLI exit code for this outcome (SPEC §5). */
    public int exitCode() {
        return exitCode;
    }
}
