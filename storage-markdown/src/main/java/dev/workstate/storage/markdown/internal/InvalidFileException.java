package dev.workstate.storage.markdown.internal;

/**
 * A store file that cannot be read back into a record: its path relative to the store directory, the 1-based line of
 * the problem (0 when unknown) and why.
 *
 * <p>Immutable; thread-safe.
 */
public final class InvalidFileException extends Exception {
    private final String path;
    private final int line;
    private final String reason;

    public InvalidFileException(String path, int line, String reason) {
        super(path + (line > 0 ? ":" + line : "") + ": " + reason);
        this.path = path;
        this.line = line;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
