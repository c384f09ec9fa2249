package dev.workstate.internal;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.ValidationException;
import dev.workstate.port.StorageProvider;
import dev.workstate.port.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds storage adapters through {@link ServiceLoader} and opens the enabled ones in the configured order.
 *
 * <p>Stateless; thread-safe.
 */
public final class StoreFactory {
    private StoreFactory() {
    }

    /** All providers on the classpath, by layer name. */
    public static Map<String, StorageProvider> providers() {
        Map<String, StorageProvider> byName = new LinkedHashMap<>();
        for (StorageProvider p : ServiceLoader.load(StorageProvider.class, StoreFactory.class.getClassLoader())) {
            byName.putIfAbsent(p.name(), p);
        }
        return byName;
    }

    /** The enabled providers in configured order. */
    public static List<StorageProvider> enabled(WorkstateConfig config) {
        Map<String, StorageProvider> all = providers();
        List<StorageProvider> out = new ArrayList<>();
        for (String name : config.storageOrder()) {
            StorageProvider p = all.get(name);
            if (p != null && p.isEnabled(config)) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw ValidationException.of("WORKSTATE_STORAGE", "no storage layer available: configured "
                    + config.storageOrder() + ", adapters on the classpath " + all.keySet());
        }
        return out;
    }
}
