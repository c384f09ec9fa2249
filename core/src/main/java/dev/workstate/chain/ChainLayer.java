package dev.workstate.chain;

import dev.workstate.error.StorageUnavailableException;
import dev.workstate.port.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One layer of the chain with its health state: up, down (skipped until the prober sees it answer again) or recovering
 * (answering again, but not routed to until the outboxes below have been replayed into it).
 *
 * <p>Thread-safe: state changes are synchronized, reads of the routing state are volatile.
 */
final class ChainLayer {
    private static final Logger LOG = LoggerFactory.getLogger(ChainLayer.class);

    enum State { UP, DOWN, RECOVERING }

    final String name;
    final int index;
    final boolean asyncMirror;
    private final Supplier<Store> opener;
    private final Clock clock;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private volatile Store store;
    private volatile State state = State.UP;
    private volatile Instant lastCheckAt;
    private volatile Instant downSince;
    private volatile String reason;
    private volatile long nextProbeNanos;
    private volatile String location;
    private volatile long lastKnownOutbox;
    private volatile boolean closed;
    private int failures;

    ChainLayer(String name, int index, Supplier<Store> opener, boolean asyncMirror, Clock clock,
               Duration initialBackoff, Duration maxBackoff) {
        this.name = name;
        this.index = index;
        this.opener = opener;
        this.asyncMirror = asyncMirror;
        this.clock = clock;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Opens the layer's store if it is not open yet; a failure marks the layer down. */
    synchronized boolean open() {
        if (store != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            Store opened = opener.get();
            store = opened;
            if (closed) {
                // the chain closed while this (background) open was loading: nobody will use it, release it now
                closeStore(opened);
                store = null;
                return false;
            }
            lastCheckAt = clock.instant();
            try {
                location = store.location();
            } catch (RuntimeException e) {
                LOG.debug("location of layer {} unavailable at open", name, e);
            }
            return true;
        } catch (RuntimeException e) {
            if (closed || Thread.currentThread().isInterrupted()) {
                // a background open abandoned by close(): not a failure of the layer
                LOG.debug("opening layer {} abandoned at close", name, e);
                return false;
            }
            markDown(e instanceof StorageUnavailableException ? e.getMessage() : name + " could not be opened", e);
            return false;
        }
    }

    /** The store, opened on first use; StorageUnavailableException when it cannot be opened. */
    Store store() {
        Store s = store;
        if (s == null) {
            if (state != State.DOWN && open()) {
                return store;
            }
            throw new StorageUnavailableException(name, reason == null ? "not open" : reason, null);
        }
        return s;
    }

    /** Not marked down and open (opening it now if it was deferred). */
    boolean usable() {
        return state != State.DOWN && open();
    }

    boolean isOpen() {
        return store != null;
    }

    State state() {
        return state;
    }

    boolean isUp() {
        return state == State.UP;
    }

    boolean isDown() {
        return state == State.DOWN;
    }

    /** A down layer whose back-off has passed may be tried again (by the prober, or inline when nothing else is up). */
    boolean probeDue() {
        return state == State.DOWN && System.nanoTime() - nextProbeNanos >= 0;
    }

    synchronized void markDown(String why, Throwable cause) {
        Instant now = clock.instant();
        if (state != State.DOWN) {
            downSince = now;
            // an outage is an expected event with a one-line reason; the trace is for whoever turns on debug
            LOG.warn("storage layer {} is down: {}", name, why);
            LOG.debug("storage layer {} went down", name, cause);
        } else {
            LOG.debug("storage layer {} still down: {}", name, why);
        }
        state = State.DOWN;
        reason = why;
        lastCheckAt = now;
        failures++;
        long backoff = initialBackoff.toNanos() << Math.min(failures - 1, 20);
        backoff = Math.min(Math.max(backoff, 0), maxBackoff.toNanos());
        nextProbeNanos = System.nanoTime() + backoff;
    }

    synchronized void markRecovering() {
        if (state == State.DOWN) {
            LOG.info("storage layer {} answers again after being down since {}", name, downSince);
            state = State.RECOVERING;
            lastCheckAt = clock.instant();
        }
    }

    synchronized void markUp() {
        if (state != State.UP) {
            LOG.info("storage layer {} is up", name);
        }
        state = State.UP;
        reason = null;
        downSince = null;
        failures = 0;
        lastCheckAt = clock.instant();
    }

    void checked() {
        lastCheckAt = clock.instant();
    }

    Instant lastCheckAt() {
        return lastCheckAt;
    }

    Instant downSince() {
        return downSince;
    }

    String reason() {
        return reason;
    }

    String location() {
        return location;
    }

    long lastKnownOutbox() {
        return lastKnownOutbox;
    }

    void lastKnownOutbox(long size) {
        lastKnownOutbox = size;
    }

    /**
     * Closes the store, if open; never throws. Deliberately not synchronized: a background open still loading (a large
     * markdown directory) must not hold up closing the chain; that open sees {@code closed} and releases its store.
     */
    void close() {
        closed = true;
        Store s = store;
        if (s != null) {
            closeStore(s);
        }
    }

    private void closeStore(Store s) {
        // A background open abandoned at close gets here interrupted; the store must still close cleanly (its file
        // lock and journal checkpoint would otherwise fail with an interruption).
        boolean interrupted = Thread.interrupted();
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.warn("closing layer {} failed", name, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
