package dev.workstate.internal.service;

import com.google.inject.Inject;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.DuplicateException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.Validator;
import dev.workstate.error.VersionConflictException;
import dev.workstate.internal.Checks;
import dev.workstate.model.EntityType;
import dev.workstate.model.Ids;
import dev.workstate.model.Page;
import dev.workstate.model.Times;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import dev.workstate.service.VendorService;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor use cases over a {@link Store}. Uniqueness of names (ignoring case) is decided by the store's unique index
 * when two clients create the same name at once; the pre-check here only gives the common case a friendly error.
 *
 * <p>Thread-safe: stateless apart from its injected collaborators.
 */
public final class DefaultVendorService implements VendorService {
    static final String ENTITY = "Vendor";
    private static final int DEFAULT_LIMIT = 50;

    private final Store store;
    private final Clock clock;
    private final WorkstateConfig config;

    @Inject
    public DefaultVendorService(Store store, Clock clock, WorkstateConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public Vendor create(String name, Map<String, Object> initialMetadata, String createdBy) {
        Validator v = new Validator();
        String n = VendorRules.name(v, "name", name);
        String actor = Checks.actor(v, "created_by", createdBy, config.client());
        VendorMetadata metadata = VendorRules.merge(v, "metadata", VendorMetadata.DEFAULTS, initialMetadata);
        v.throwIfInvalid();

        Optional<Vendor> existing = store.vendors().findByName(n);
        if (existing.isPresent()) {
            throw duplicate(existing.get());
        }
        Instant now = Times.now(clock);
        Vendor vendor = new Vendor(Ids.newId(), 1, n, VendorStatus.BROKEN, metadata.extractorVersion(), metadata, now,
                now, actor, actor);
        try {
            store.inTransaction(() -> {
                store.apply(new Mutation.InsertVendor(vendor));
                store.apply(Audit.append(EntityType.VENDOR, vendor.id().toString(), "create", actor, now, null,
                        vendor));
                return null;
            });
        } catch (DuplicateException e) {
            // Lost a race with a concurrent create: name the winner, as the pre-check would have.
            throw store.vendors().findByName(n).map(DefaultVendorService::duplicate).orElse(e);
        }
        return vendor;
    }

    @Override
    public Vendor get(String name) {
        Validator v = new Validator();
        String n = VendorRules.lookupName(v, "name", name);
        v.throwIfInvalid();
        return store.vendors().findByName(n).orElseThrow(() -> new NotFoundException(ENTITY, n));
    }

    @Override
    public Page<Vendor> list(String status, Integer limit, Integer offset) {
        Validator v = new Validator();
        VendorStatus s = Checks.oneOf(v, "status", status, VendorStatus::parse, VendorStatus.wireNames());
        int[] paging = Checks.paging(v, limit, offset, DEFAULT_LIMIT);
        v.throwIfInvalid();
        return store.vendors().list(s, paging[0], paging[1]);
    }

    @Override
    public Vendor update(String name, Long version, String status, Map<String, Object> metadata, String updatedBy) {
        Validator v = new Validator();
        String n = VendorRules.lookupName(v, "name", name);
        if (version == null) {
            v.reject("version", "is required");
        } else {
            v.check(version >= 1, "version", "must be at least 1 (got " + version + ")");
        }
        VendorStatus s = Checks.oneOf(v, "status", status, VendorStatus::parse, VendorStatus.wireNames());
        String actor = Checks.actor(v, "updated_by", updatedBy, config.client());
        if (status == null && (metadata == null || metadata.isEmpty())) {
            v.reject("status", "nothing to update: give status and/or metadata");
        }
        v.throwIfInvalid();

        return store.inTransaction(() -> {
            Vendor current = store.vendors().findByName(n).orElseThrow(() -> new NotFoundException(ENTITY, n));
            if (current.version() != version) {
                throw new VersionConflictException(ENTITY, current.id().toString(), version, current.version(),
                        current.updatedBy(), current);
            }
            Validator mv = new Validator();
            VendorMetadata merged = VendorRules.merge(mv, "metadata", current.metadata(), metadata);
            mv.throwIfInvalid();
            Instant now = Times.now(clock);
            Vendor updated = new Vendor(current.id(), version + 1, current.name(), s == null ? current.status() : s,
                    merged.extractorVersion(), merged, current.createdAt(), now, current.createdBy(), actor);
            store.apply(new Mutation.UpdateVendor(updated, version));
            store.apply(Audit.append(EntityType.VENDOR, current.id().toString(), "update", actor, now, current,
                    updated));
            return updated;
        });
    }

    private static DuplicateException duplicate(Vendor existing) {
        return new DuplicateException(ENTITY, existing.name(), existing.id().toString());
    }
}
