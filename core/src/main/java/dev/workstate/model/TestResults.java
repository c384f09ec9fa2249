package dev.workstate.model;

/**
 * A vendor extractor's test counts; {@code passing + skipped <= total}, all non-negative.
 *
 * <p>Immutable; thread-safe.
 */
public record TestResults(long passing, long total, long skipped) {
    public static final TestResults NONE = new TestResults(0, 0, 0);
}
