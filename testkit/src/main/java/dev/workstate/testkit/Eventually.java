package dev.workstate.testkit;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition by probing it again and again until it holds or a bound passes, instead of sleeping for a
 * guessed time: the probe itself (a status call, a sync, a look at shared state) is the wait. Fails with the last
 * probed value when the bound passes. The one polling loop of the outage tests.
 *
 * <p>Stateless; thread-safe.
 */
public final class Eventually {
    private Eventually() {
    }

    /**
     * Probes {@code probe} until {@code done} accepts its value and returns that value; fails (AssertionError) after
     * {@code bound} with {@code describe} of the last value.
     */
    public static <T> T await(Duration bound, Supplier<T> probe, Predicate<T> done, Function<T, String> describe) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not reached within " + bound + ": " + describe.apply(value));
            }
            Thread.onSpinWait();
        }
    }
}
