package dev.workstate.benchmarks;

import dev.workstate.Workstate;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 7's mirroring overhead measured side by side: a plain PostgreSQL store and a healthy {@code postgres → sqlite}
 * chain (each over its own schema and 500 items) open in one JVM, their versioned updates alternating, each after
 * the same idle time, and each update timed on its own. JMH compares configurations in separate forks, minutes apart;
 * on a machine whose PostgreSQL p50 drifts by a third within the hour, interleaving is the closer comparison. Use
 * {@code idleMicros} of 1 000 or more: back to back, the chain's mirror lets PostgreSQL's backend go idle and the
 * plain update that follows pays the wake-up too, which blurs what the mirror itself adds.
 *
 * <p>With {@code block} above 1 the configurations alternate in blocks of that many updates, and the chain's mirror
 * journal is folded (untimed) at the end of each chain block: the chain's background folds then run during its own
 * block only, where they compete with its writes, and never next to a plain update (alternating one by one, a fold
 * also slows the plain update it overlaps, which flatters the chain). Use blocks of a few hundred updates (several
 * fold periods) for the fair reading of a chain whose mirror does work in the background.
 *
 * <p>A plain {@code main}, not a JMH benchmark (JMH times one configuration per trial). Run from the repository root
 * with the PostgreSQL environment of the benchmarks:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.workstate.benchmarks.MirrorSideBySide [updates] [idleMicros]
 * [status|title] [block]}. Prints the p50 and p90 of each configuration and the chain's p50 over the plain one.
 *
 * <p>Not thread-safe; one thread.
 */
public final class MirrorSideBySide {
    private static final int ITEMS = 500;
    private static final int WARM_UP = 3_000;

    private MirrorSideBySide() {
    }

    public static void main(String[] args) {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        long idleNanos = (args.length > 1 ? Long.parseLong(args[1]) : 1_000) * 1_000;
        boolean title = args.length > 2 && args[2].equals("title");
        int block = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        try (BenchData.Opened plain = BenchData.openEmpty("postgres", null);
             BenchData.ChainOpened chain = BenchData.chain(false)) {
            Side plainSide = new Side(plain.ws(), UpdateCycle.createTasks(plain.ws(), ITEMS, "Mirrored item "), title);
            Side chainSide = new Side(chain.ws(), UpdateCycle.createTasks(chain.ws(), ITEMS, "Mirrored item "), title);
            for (int i = 0; i < WARM_UP; i++) {
                plainSide.update();
                chainSide.update();
            }
            long[] plainNanos = new long[updates];
            long[] chainNanos = new long[updates];
            chain.chain().flushMirrors();
            for (int start = 0; start < updates; start += block) {
                int end = Math.min(updates, start + block);
                for (int i = start; i < end; i++) {
                    idle(idleNanos);
                    plainNanos[i] = plainSide.timedUpdate();
                    if (block == 1) {
                        idle(idleNanos);
                        chainNanos[i] = chainSide.timedUpdate();
                    }
                }
                if (block > 1) {
                    for (int i = start; i < end; i++) {
                        idle(idleNanos);
                        chainNanos[i] = chainSide.timedUpdate();
                    }
                    chain.chain().flushMirrors();
                }
            }
            Arrays.sort(plainNanos);
            Arrays.sort(chainNanos);
            long plainP50 = percentile(plainNanos, 50);
            long chainP50 = percentile(chainNanos, 50);
            System.out.printf("%s, %d updates each in blocks of %d, %d µs idle before each: plain p50 %d µs p90 %d µs,"
                            + " chain p50 %d µs p90 %d µs, chain over plain at p50 %+.0f %%%n", title ? "title" : "status", updates,
                    block, idleNanos / 1_000, plainP50 / 1_000, percentile(plainNanos, 90) / 1_000, chainP50 / 1_000,
                    percentile(chainNanos, 90) / 1_000, 100.0 * (chainP50 - plainP50) / plainP50);
        }
    }

    private static void idle(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    /** One configuration's workstate and its update loop. */
    private record Side(Workstate ws, UpdateCycle cycle, boolean title) {
        void update() {
            if (title) {
                cycle.update(ws, "Mirror ");
            } else {
                cycle.updateStatus(ws);
            }
        }

        long timedUpdate() {
            long start = System.nanoTime();
            update();
            return System.nanoTime() - start;
        }
    }
}
