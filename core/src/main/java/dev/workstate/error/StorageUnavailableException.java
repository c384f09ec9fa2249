package dev.workstate.error;

import java.util.List;
import java.util.Map;

/**
 * A storage layer (or every layer of the chain) could not be reached. Only connectivity failures become this;
 * the message says which layer and why, without internals.
 *
 * <p>Immutable; thread-safe.
 */
public final class StorageUnavailableException extends WorkstateException {
    public StorageUnavailableException(String message, List<String> layerReasons, Throwable cause) {
        super(ErrorCode.STORAGE_UNAVAILABLE, message, Map.of("layers", List.copyOf(layerReasons)), cause);
    }

    public StorageUnavailableException(String layer, String reason, Throwable cause) {
        this(layer + " unavailable: " + reason, List.of(layer + ": " + reason), cause);
    }
}
