package dev.workstate.cli.output;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long work (migration, import, replay), drawn on stderr only when the process has a
 * terminal ({@code System.console() != null}); otherwise every call is a no-op, so scripts and pipes see nothing.
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.onStderr(spec.commandLine().getErr(), "importing", total)) {
 *     for (...) { ...; bar.step(); }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: update it from the thread doing the work.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private final LongSupplier nanoTime;
    private long total;
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private int lastWidth;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label, long total, boolean enabled, LongSupplier nanoTime) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
        this.nanoTime = nanoTime;
    }

    /**
     * A bar on {@code err} (the command line's stderr), enabled only when a console is attached.
     *
     * @param total the number of steps, or 0 or less when unknown (a counter is shown instead of a bar)
     */
    public static ProgressBar onStderr(PrintWriter err, String label, long total) {
        return new ProgressBar(err, label, total, System.console() != null, System::nanoTime);
    }

    /** A bar that always draws (tests, or callers that decided themselves), redrawing on every update. */
    public static ProgressBar always(PrintWriter err, String label, long total) {
        return new ProgressBar(err, label, total, true, () -> 0L);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Changes the total when it becomes known late. */
    public void total(long newTotal) {
        this.total = newTotal;
    }

    public void step() {
        advanceTo(done + 1);
    }

    public void step(long n) {
        advanceTo(done + n);
    }

    /** Sets the number of steps done so far (redraws at most ten times a second). */
    public void advanceTo(long value) {
        done = value;
        if (!enabled) {
            return;
        }
        long now = nanoTime.getAsLong();
        boolean finished = total > 0 && done >= total;
        if (finished || lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS || now == 0L) {
            lastDraw = now;
            draw();
        }
    }

    /** Text of the bar for {@code done} of {@code total}, without the carriage return. */
    String render() {
        if (total <= 0) {
            return label + " " + done;
        }
        long shown = Math.min(done, total);
        int filled = (int) (WIDTH * shown / total);
        int pct = (int) (100 * shown / total);
        return label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + pct + "% " + shown + "/"
                + total;
    }

    private void draw() {
        String text = render();
        int pad = Math.max(0, lastWidth - text.length());
        err.print("\r" + text + " ".repeat(pad));
        err.flush();
        lastWidth = text.length();
        drawn = true;
    }

    /** Draws the final state and ends the line (nothing when disabled or never drawn). */
    @Override
    public void close() {
        if (enabled && drawn) {
            draw();
            err.println();
            err.flush();
        }
    }
}
