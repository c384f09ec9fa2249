package dev.workstate.port;

import dev.workstate.model.Page;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorStatus;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of vendors. Names are matched case-insensitively.
 *
 * <p>Implementations are thread-safe.
 */
public interface VendorPort {

    Optional<Vendor> get(UUID id);

    Optional<Vendor> findByName(String name);

    /** Vendors ordered by lower-cased name, optionally of one status. */
    Page<Vendor> list(VendorStatus status, int limit, int offset);
}
