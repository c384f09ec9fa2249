package dev.workstate.internal.service;

import com.google.inject.Inject;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.Validator;
import dev.workstate.internal.Checks;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.EntityType;
import dev.workstate.model.Ids;
import dev.workstate.model.Page;
import dev.workstate.model.Times;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import dev.workstate.service.DeploymentService;
import dev.workstate.service.DeploymentView;
import dev.workstate.service.NewDeployment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The deployment use cases over a {@link Store}: validation of everything first, then existence of every linked id,
 * then one transaction inserting the deployment, its links and its audit event (all or nothing).
 *
 * <p>Thread-safe: stateless apart from its injected collaborators.
 */
public final class DefaultDeploymentService implements DeploymentService {
    static final String ENTITY = "Deployment";
    private static final int DEFAULT_LIMIT = 10;

    private final Store store;
    private final Clock clock;
    private final WorkstateConfig config;

    @Inject
    public DefaultDeploymentService(Store store, Clock clock, WorkstateConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public Deployment record(NewDeployment request) {
        Instant now = Times.now(clock);
        Validator v = new Validator();
        Instant deployedAt = null;
        if (request.deployedAt() == null || request.deployedAt().isBlank()) {
            v.reject("deployed_at", "is required");
        } else {
            deployedAt = Times.truncate(Checks.instant(v, "deployed_at", request.deployedAt(), now, true));
        }
        DeploymentMetadata metadata = DeploymentRules.metadata(v, "metadata", request.metadata());
        List<UUID> vendorIds = DeploymentRules.ids(v, "vendor_ids", request.vendorIds());
        List<UUID> workItemIds = DeploymentRules.ids(v, "work_item_ids", request.workItemIds());
        String actor = Checks.actor(v, "created_by", request.createdBy(), config.client());
        v.throwIfInvalid();

        Deployment deployment = new Deployment(Ids.newId(), deployedAt, metadata.commitHash(), metadata, vendorIds,
                workItemIds, now, actor);
        return store.inTransaction(() -> {
            for (UUID id : vendorIds) {
                if (store.vendors().get(id).isEmpty()) {
                    throw new NotFoundException(DefaultVendorService.ENTITY, id.toString());
                }
            }
            if (!workItemIds.isEmpty()) {
                Map<UUID, WorkItem> found = byId(store.workItems().getAll(workItemIds), WorkItem::id);
                for (UUID id : workItemIds) {
                    if (!found.containsKey(id)) {
                        throw new NotFoundException("WorkItem", id.toString());
                    }
                }
            }
            store.apply(new Mutation.InsertDeployment(deployment));
            store.apply(Audit.append(EntityType.DEPLOYMENT, deployment.id().toString(), "record", actor, now, null,
                    deployment));
            return deployment;
        });
    }

    @Override
    public Page<Deployment> list(Integer limit, Integer offset, String vendorId, String workItemId,
                                 String commitHash) {
        Validator v = new Validator();
        int[] paging = Checks.paging(v, limit, offset, DEFAULT_LIMIT);
        UUID vendor = Checks.optionalUuid(v, "vendor_id", vendorId);
        UUID item = Checks.optionalUuid(v, "work_item_id", workItemId);
        String commit = Checks.commitHash(v, "commit_hash", commitHash);
        v.throwIfInvalid();
        return store.deployments().list(new DeploymentFilter(vendor, item, commit, paging[0], paging[1]));
    }

    @Override
    public DeploymentView get(String id) {
        Validator v = new Validator();
        UUID uuid = Checks.uuid(v, "id", id);
        v.throwIfInvalid();
        Deployment d = store.deployments().get(uuid).orElseThrow(() -> new NotFoundException(ENTITY, uuid.toString()));
        List<Vendor> vendors = new ArrayList<>();
        for (UUID vid : d.vendorIds()) {
            store.vendors().get(vid).ifPresent(vendors::add);
        }
        Map<UUID, WorkItem> items = d.workItemIds().isEmpty() ? Map.of()
                : byId(store.workItems().getAll(d.workItemIds()), WorkItem::id);
        List<WorkItemSummary> summaries = d.workItemIds().stream().map(items::get)
                .filter(java.util.Objects::nonNull).map(WorkItemSummary::of).toList();
        return new DeploymentView(d, vendors, summaries);
    }

    private static <T> Map<UUID, T> byId(List<T> values, Function<T, UUID> id) {
        return values.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
    }
}
