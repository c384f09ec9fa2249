package dev.workstate;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.workstate.port.Store;
import dev.workstate.service.ConfigurationService;
import dev.workstate.service.DeploymentService;
import dev.workstate.service.EnhancementService;
import dev.workstate.service.MigrationService;
import dev.workstate.service.ReportService;
import dev.workstate.service.StorageService;
import dev.workstate.service.VendorService;
import dev.workstate.service.WorkItemService;

/**
 * The entry point for library users: {@code Workstate.open(config)} opens (creating if needed) the configured store and
 * gives access to every use case. Close it to release the database and files.
 *
 * <pre>{@code
 * try (Workstate ws = Workstate.open(WorkstateConfig.forDirectory(Path.of(".workstate")))) {
 *     WorkItem project = ws.workItems().create(new NewWorkItem("project", "Search", null,
 *             Map.of("description", "Semantic code search"), null, null, null, null, null, "my-tool"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: share one instance per store across threads.
 */
public final class Workstate implements AutoCloseable {
    private final Injector injector;
    private final Store store;

    @Inject
    Workstate(Injector injector, Store store) {
        this.injector = injector;
        this.store = store;
    }

    /** Opens the store described by {@code config}. */
    public static Workstate open(WorkstateConfig config) {
        return Guice.createInjector(new CoreModule(config)).getInstance(Workstate.class);
    }

    /** Assembles Workstate over a store the caller opened (tests, custom layers), with the given clock. */
    public static Workstate over(Store store, WorkstateConfig config, java.time.Clock clock) {
        return Guice.createInjector(new CoreModule(config, clock, store)).getInstance(Workstate.class);
    }

    /** Opens with an explicit injector, e.g. one a frontend built with extra modules. */
    public static Workstate from(Injector injector) {
        return injector.getInstance(Workstate.class);
    }

    public WorkstateConfig config() {
        return injector.getInstance(WorkstateConfig.class);
    }

    /** The underlying store (the chain when several layers are configured). */
    public Store store() {
        return store;
    }

    public WorkItemService workItems() {
        return injector.getInstance(WorkItemService.class);
    }

    public VendorService vendors() {
        return injector.getInstance(VendorService.class);
    }

    public DeploymentService deployments() {
        return injector.getInstance(DeploymentService.class);
    }

    public ConfigurationService configuration() {
        return injector.getInstance(ConfigurationService.class);
    }

    public EnhancementService enhancements() {
        return injector.getInstance(EnhancementService.class);
    }

    public ReportService reports() {
        return injector.getInstance(ReportService.class);
    }

    public MigrationService migration() {
        return injector.getInstance(MigrationService.class);
    }

    public StorageService storage() {
        return injector.getInstance(StorageService.class);
    }

    @Override
    public void close() {
        store.close();
    }
}
