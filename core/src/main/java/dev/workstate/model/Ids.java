package dev.workstate.model;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates version-7 (time-ordered) UUIDs, so ids sort by creation time in every layer and keep their identity when
 * replayed from one layer into another. Monotonic within one JVM.
 *
 * <p>Thread-safe.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST = new AtomicLong();

    private Ids() {
    }

    public static UUID newId() {
        long now = System.currentTimeMillis();
        // 48-bit millisecond timestamp + 12-bit sequence in rand_a keeps ids from one JVM strictly increasing.
        long stamp = LAST.updateAndGet(prev -> Math.max(prev + 1, now << 12));
        long millis = stamp >>> 12;
        long seq = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
