package dev.workstate.service;

import dev.workstate.model.Enhancement;
import dev.workstate.model.Page;

/**
 * Use cases of future enhancements: save (create or versioned update) and list by priority then target quarter.
 *
 * <p>Implementations are thread-safe.
 */
public interface EnhancementService {

    Enhancement save(EnhancementSave request);

    Enhancement get(String id);

    Page<Enhancement> list(String status, Integer limit, Integer offset);
}
