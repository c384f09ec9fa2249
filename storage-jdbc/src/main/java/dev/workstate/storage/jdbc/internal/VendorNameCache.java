package dev.workstate.storage.jdbc.internal;

import dev.workstate.model.Vendor;
import dev.workstate.storage.jdbc.ChangeProbe;
import dev.workstate.storage.jdbc.Dialect;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed vendors keyed by the exact name they were looked up with (misses included), valid only while the
 * database's {@link ChangeProbe} number stays put: every lookup first asks the probe, and any commit by any connection
 * or process since the previous lookup throws all entries away. Keys are not case-folded, so each spelling is loaded
 * once through the database's own {@code lower(name)} comparison and the answers never differ from an uncached read.
 * Without a probe (PostgreSQL) or when the probe fails, every lookup goes to the database.
 *
 * <p>Why it pays: a lookup through MyBatis spends most of its ~45 µs mapping the row by reflection and parsing the
 * metadata JSON; the probe ({@code PRAGMA data_version} on SQLite) costs a couple of microseconds.
 *
 * <p>Thread-safe: the probe is used under a lock; entries live in a concurrent map replaced on every change.
 */
public final class VendorNameCache implements AutoCloseable {
    /** Bounds memory when clients look up many unknown names: the map starts over when full. */
    static final int MAX_ENTRIES = 4_096;
    private static final Logger LOG = LoggerFactory.getLogger(VendorNameCache.class);

    private final Dialect dialect;
    private final Object lock = new Object();
    /** Guarded by {@code lock}. */
    private ChangeProbe probe;
    /** Guarded by {@code lock}: the dialect offers no probe, so nothing is ever cached. */
    private boolean unsupported;
    /** Guarded by {@code lock}. */
    private boolean closed;
    /** Guarded by {@code lock}: the probe number the current entries belong to. */
    private long seen;
    /** Guarded by {@code lock}: whether {@code seen} holds a number yet. */
    private boolean primed;
    private volatile Map<String, Optional<Vendor>> entries = new ConcurrentHashMap<>();

    public VendorNameCache(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The vendor named {@code name} as committed now: from the cache when nothing changed since it was loaded, else
     * through {@code load} (which must read committed data, i.e. run outside any transaction).
     */
    public Optional<Vendor> findByName(String name, Function<String, Optional<Vendor>> load) {
        Map<String, Optional<Vendor>> valid = validEntries();
        if (valid == null) {
            return load.apply(name);
        }
        Optional<Vendor> hit = valid.get(name);
        if (hit != null) {
            return hit;
        }
        // Loaded after the probe was read: at least as new as the number the map belongs to, never older.
        Optional<Vendor> loaded = load.apply(name);
        if (valid.size() >= MAX_ENTRIES) {
            valid.clear();
        }
        valid.put(name, loaded);
        return loaded;
    }

    /** The entries that are still valid (a fresh map if the database changed), or null to bypass the cache. */
    private Map<String, Optional<Vendor>> validEntries() {
        synchronized (lock) {
            if (closed || unsupported) {
                return null;
            }
            try {
                if (probe == null) {
                    probe = dialect.openChangeProbe();
                    if (probe == null) {
                        unsupported = true;
                        return null;
                    }
                }
                long now = probe.version();
                if (!primed || now != seen) {
                    seen = now;
                    primed = true;
                    entries = new ConcurrentHashMap<>();
                }
                return entries;
            } catch (SQLException | RuntimeException e) {
                // Unknown state: serve from the database (which reports real failures) and retry the probe later.
                LOG.debug("{} change probe failed; reading through", dialect.layer(), e);
                closeProbe();
                primed = false;
                entries = new ConcurrentHashMap<>();
                return null;
            }
        }
    }

    private void closeProbe() {
        if (probe != null) {
            try {
                probe.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the change probe failed", e);
            }
            probe = null;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeProbe();
            entries = new ConcurrentHashMap<>();
        }
    }
}
