package dev.workstate;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.workstate.chain.ChainStore;
import dev.workstate.internal.StoreFactory;
import dev.workstate.internal.service.DefaultConfigurationService;
import dev.workstate.internal.service.DefaultDeploymentService;
import dev.workstate.internal.service.DefaultEnhancementService;
import dev.workstate.internal.service.DefaultMigrationService;
import dev.workstate.internal.service.DefaultReportService;
import dev.workstate.internal.service.DefaultStorageService;
import dev.workstate.internal.service.DefaultVendorService;
import dev.workstate.internal.service.DefaultWorkItemService;
import dev.workstate.port.StorageProvider;
import dev.workstate.port.Store;
import dev.workstate.service.ConfigurationService;
import dev.workstate.service.DeploymentService;
import dev.workstate.service.EnhancementService;
import dev.workstate.service.MigrationService;
import dev.workstate.service.ReportService;
import dev.workstate.service.StorageService;
import dev.workstate.service.VendorService;
import dev.workstate.service.WorkItemService;
import java.time.Clock;
import java.util.List;

/**
 * Guice module assembling Workstate from a {@link WorkstateConfig}: the store (found through the
 * {@link dev.workstate.port.StorageProvider} SPI) and the services over it. Frontends install it; library users call
 * {@link Workstate#open(WorkstateConfig)}.
 *
 * <p>Thread-safe: configuration only.
 */
public final class CoreModule extends AbstractModule {
    private final WorkstateConfig config;
    private final Clock clock;
    private final Store store;

    public CoreModule(WorkstateConfig config) {
        this(config, Clock.systemUTC(), null);
    }

    /**
     * @param store a store opened by the caller (tests, embedding tools with their own store), or null to open the
     *              configured layers; Workstate closes it on {@link Workstate#close()}
     */
    public CoreModule(WorkstateConfig config, Clock clock, Store store) {
        this.config = config;
        this.clock = clock;
        this.store = store;
    }

    @Override
    protected void configure() {
        bind(WorkstateConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        // service bindings
        bind(StorageService.class).to(DefaultStorageService.class);
        bind(VendorService.class).to(DefaultVendorService.class);
        bind(DeploymentService.class).to(DefaultDeploymentService.class);
        bind(ConfigurationService.class).to(DefaultConfigurationService.class);
        bind(EnhancementService.class).to(DefaultEnhancementService.class);
        bind(ReportService.class).to(DefaultReportService.class);
        bind(WorkItemService.class).to(DefaultWorkItemService.class);
        bind(MigrationService.class).to(DefaultMigrationService.class);
    }

    @Provides
    @Singleton
    Store store() {
        if (store != null) {
            return store;
        }
        List<StorageProvider> enabled = StoreFactory.enabled(config);
        if (enabled.size() == 1) {
            return enabled.get(0).open(config);
        }
        ChainStore.Builder chain = ChainStore.builder().clock(clock);
        for (StorageProvider p : enabled) {
            chain.layer(p.name(), () -> p.open(config));
        }
        // Markdown writes one file per record: keep it off the caller's path (flushed within a second and on close)
        chain.asyncMirror("markdown");
        return chain.build();
    }
}
