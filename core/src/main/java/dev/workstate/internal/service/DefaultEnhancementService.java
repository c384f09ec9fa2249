package dev.workstate.internal.service;

import com.google.inject.Inject;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.Validator;
import dev.workstate.error.VersionConflictException;
import dev.workstate.internal.Checks;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.EntityType;
import dev.workstate.model.Ids;
import dev.workstate.model.Page;
import dev.workstate.model.Times;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.EnhancementService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The future-enhancement use cases over a {@link Store}.
 *
 * <p>Defaults on create: priority 3 (the middle of 1-5) and status {@code planned}. On update a null field keeps the
 * stored value; an empty {@code target_quarter} clears it (the only optional scalar).
 *
 * <p>Thread-safe: stateless apart from its injected collaborators.
 */
public final class DefaultEnhancementService implements EnhancementService {
    static final String ENTITY = "Enhancement";
    public static final int TITLE_MAX = 200;
    public static final int DESCRIPTION_MAX = 10_000;
    public static final int PRINCIPLE_MAX = 200;
    public static final int PRINCIPLES_MAX = 50;
    public static final int DEFAULT_PRIORITY = 3;
    private static final int DEFAULT_LIMIT = 50;

    private final Store store;
    private final Clock clock;
    private final WorkstateConfig config;

    @Inject
    public DefaultEnhancementService(Store store, Clock clock, WorkstateConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public Enhancement save(EnhancementSave r) {
        return r.id() == null ? create(r) : update(r);
    }

    private Enhancement create(EnhancementSave r) {
        Validator v = new Validator();
        if (r.version() != null) {
            v.reject("version", "must not be given when creating (no id)");
        }
        String title = Checks.text(v, "title", r.title(), TITLE_MAX);
        String description = Checks.text(v, "description", r.description(), DESCRIPTION_MAX);
        Long priority = r.priority() == null ? Long.valueOf(DEFAULT_PRIORITY)
                : Checks.range(v, "priority", r.priority().longValue(), 1, 5);
        EnhancementStatus status = r.status() == null ? EnhancementStatus.PLANNED
                : Checks.oneOf(v, "status", r.status(), EnhancementStatus::parse, EnhancementStatus.wireNames());
        String quarter = emptyToNull(Checks.quarter(v, "target_quarter", emptyToNull(r.targetQuarter())));
        List<String> principles = principles(v, r.constitutionalPrinciples());
        String actor = Checks.actor(v, "updated_by", r.updatedBy(), config.client());
        v.throwIfInvalid();

        Instant now = Times.now(clock);
        Enhancement e = new Enhancement(Ids.newId(), 1, title, description, priority.intValue(), status, quarter,
                principles == null ? List.of() : principles, now, now, actor, actor);
        return store.inTransaction(() -> {
            store.apply(new Mutation.InsertEnhancement(e));
            store.apply(Audit.append(EntityType.ENHANCEMENT, e.id().toString(), "create", actor, now, null, e));
            return e;
        });
    }

    private Enhancement update(EnhancementSave r) {
        Validator v = new Validator();
        UUID id = Checks.uuid(v, "id", r.id());
        if (r.version() == null) {
            v.reject("version", "is required when updating");
        } else {
            v.check(r.version() >= 1, "version", "must be at least 1 (got " + r.version() + ")");
        }
        String title = Checks.optionalText(v, "title", r.title(), TITLE_MAX, true);
        String description = Checks.optionalText(v, "description", r.description(), DESCRIPTION_MAX, true);
        Long priority = r.priority() == null ? null : Checks.range(v, "priority", r.priority().longValue(), 1, 5);
        EnhancementStatus status =
                Checks.oneOf(v, "status", r.status(), EnhancementStatus::parse, EnhancementStatus.wireNames());
        String quarter = r.targetQuarter() == null || r.targetQuarter().isEmpty() ? null
                : Checks.quarter(v, "target_quarter", r.targetQuarter());
        List<String> principles = principles(v, r.constitutionalPrinciples());
        String actor = Checks.actor(v, "updated_by", r.updatedBy(), config.client());
        if (r.title() == null && r.description() == null && r.priority() == null && r.status() == null
                && r.targetQuarter() == null && r.constitutionalPrinciples() == null) {
            v.reject("enhancement", "nothing to update: give at least one field");
        }
        v.throwIfInvalid();

        return store.inTransaction(() -> {
            Enhancement current = store.enhancements().get(id)
                    .orElseThrow(() -> new NotFoundException(ENTITY, id.toString()));
            if (current.version() != r.version()) {
                throw new VersionConflictException(ENTITY, id.toString(), r.version(), current.version(),
                        current.updatedBy(), current);
            }
            Instant now = Times.now(clock);
            Enhancement next = new Enhancement(id, current.version() + 1,
                    title != null ? title : current.title(),
                    description != null ? description : current.description(),
                    priority != null ? priority.intValue() : current.priority(),
                    status != null ? status : current.status(),
                    r.targetQuarter() == null ? current.targetQuarter() : quarter,
                    principles != null ? principles : current.constitutionalPrinciples(),
                    current.createdAt(), now, current.createdBy(), actor);
            store.apply(new Mutation.UpdateEnhancement(next, current.version()));
            store.apply(Audit.append(EntityType.ENHANCEMENT, id.toString(), "update", actor, now, current, next));
            return next;
        });
    }

    @Override
    public Enhancement get(String id) {
        Validator v = new Validator();
        UUID uuid = Checks.uuid(v, "id", id);
        v.throwIfInvalid();
        return store.enhancements().get(uuid).orElseThrow(() -> new NotFoundException(ENTITY, uuid.toString()));
    }

    @Override
    public Page<Enhancement> list(String status, Integer limit, Integer offset) {
        Validator v = new Validator();
        EnhancementStatus s = Checks.oneOf(v, "status", status, EnhancementStatus::parse,
                EnhancementStatus.wireNames());
        int[] paging = Checks.paging(v, limit, offset, DEFAULT_LIMIT);
        v.throwIfInvalid();
        return store.enhancements().list(s, paging[0], paging[1]);
    }

    private static List<String> principles(Validator v, List<String> given) {
        if (given == null) {
            return null;
        }
        if (given.size() > PRINCIPLES_MAX) {
            v.reject("constitutional_principles", "must list at most " + PRINCIPLES_MAX + " principles (got "
                    + given.size() + ")");
            return null;
        }
        for (int i = 0; i < given.size(); i++) {
            String p = given.get(i);
            if (p == null) {
                v.reject("constitutional_principles[" + i + "]", "must be a string");
            } else {
                Checks.optionalText(v, "constitutional_principles[" + i + "]", p, PRINCIPLE_MAX, true);
            }
        }
        return List.copyOf(given.stream().filter(java.util.Objects::nonNull).toList());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
