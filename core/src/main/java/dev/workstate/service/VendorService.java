package dev.workstate.service;

import dev.workstate.model.Page;
import dev.workstate.model.Vendor;
import java.util.Map;

/**
 * Use cases of vendors: create (status {@code broken}, version 1, complete default metadata merged with what is
 * given), case-insensitive lookup, list by status, and versioned update of status and/or metadata (given keys merged over
 * the stored ones, then the whole re-validated; {@code extractor_version} kept equal to the column).
 *
 * <p>Implementations are thread-safe.
 */
public interface VendorService {

    /** @param initialMetadata partial metadata (nested maps allowed) or null */
    Vendor create(String name, Map<String, Object> initialMetadata, String createdBy);

    /** Looks a vendor up by name, ignoring case; NOT_FOUND naming it otherwise. */
    Vendor get(String name);

    /** @param status null, {@code operational} or {@code broken}; limit 1-100 (default 50) */
    Page<Vendor> list(String status, Integer limit, Integer offset);

    /** At least one of status and metadata must be given. */
    Vendor update(String name, Long version, String status, Map<String, Object> metadata, String updatedBy);
}
