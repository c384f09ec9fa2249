package dev.workstate.port;

import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.Page;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of future enhancements.
 *
 * <p>Implementations are thread-safe.
 */
public interface EnhancementPort {

    Optional<Enhancement> get(UUID id);

    /** Ordered by priority, then target quarter (nulls last), then created_at, then id. */
    Page<Enhancement> list(EnhancementStatus status, int limit, int offset);
}
