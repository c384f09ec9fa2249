package dev.workstate.storage.jdbc.internal;

import dev.workstate.error.DuplicateException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.Deployment;
import dev.workstate.model.Vendor;
import dev.workstate.port.Mutation;
import dev.workstate.storage.jdbc.Dialect.Failure;
import dev.workstate.storage.jdbc.internal.Mappers.ConfigurationMapper;
import dev.workstate.storage.jdbc.internal.Mappers.DeploymentMapper;
import dev.workstate.storage.jdbc.internal.Mappers.EnhancementMapper;
import dev.workstate.storage.jdbc.internal.Mappers.VendorMapper;
import dev.workstate.storage.jdbc.internal.Mappers.WorkItemMapper;
import dev.workstate.storage.jdbc.internal.Rows.ConfigurationRow;
import dev.workstate.storage.jdbc.internal.Rows.EnhancementRow;
import dev.workstate.storage.jdbc.internal.Rows.VendorRow;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * Applies one {@link Mutation} on the session of the current transaction. Versioned updates are a single
 * {@code UPDATE ... WHERE id = ? AND version = ?}; only when it changes no row is the record re-read, to tell a
 * conflict from a missing record. Uniqueness and references are left to the database's constraints (race-safe) and
 * their violations are turned into the domain's duplicate / not-found outcomes.
 *
 * <p>Thread-safe (stateless apart from the {@link Db}).
 */
public final class MutationApplier {
    private final Db db;

    public MutationApplier(Db db) {
        this.db = db;
    }

    public boolean apply(SqlSession s, Mutation m) {
        if (m instanceof Mutation.MoveSubtree x) {
            lock(s, c -> db.dialect().lockHierarchy(c, true));
            String old = x.oldPath();
            s.getMapper(WorkItemMapper.class).moveSubtree(x.newPath(), old.length() + 1, x.depthDelta(), old + "/",
                    old + "0");
        } else if (m instanceof Mutation.ClaimWorkItem x) {
            WorkItemMapper w = s.getMapper(WorkItemMapper.class);
            int n = w.claim(x.id().toString(), x.claimedBy(), x.expiresAt().toEpochMilli(), x.now().toEpochMilli());
            return n == 1 || missing(w, x.id());
        } else if (m instanceof Mutation.ReleaseClaim x) {
            WorkItemMapper w = s.getMapper(WorkItemMapper.class);
            int n = w.release(x.id().toString(), x.claimedBy());
            return n == 1 || missing(w, x.id());
        } else if (m instanceof Mutation.InsertDependency x) {
            insertDependency(s, x);
        } else if (m instanceof Mutation.DeleteDependency x) {
            int n = s.getMapper(WorkItemMapper.class).deleteDependency(x.sourceId().toString(),
                    x.targetId().toString(), x.dependencyType().wire());
            if (n == 0) {
                throw new NotFoundException("Dependency",
                        x.sourceId() + " " + x.dependencyType().wire() + " " + x.targetId());
            }
        } else if (m instanceof Mutation.InsertVendor x) {
            insertVendor(s, x.vendor());
        } else if (m instanceof Mutation.UpdateVendor x) {
            updateVendor(s, x.vendor(), x.expectedVersion());
        } else if (m instanceof Mutation.InsertDeployment x) {
            insertDeployment(s, x.deployment());
        } else if (m instanceof Mutation.UpdateConfiguration x) {
            ConfigurationMapper c = s.getMapper(ConfigurationMapper.class);
            if (c.update(ConfigurationRow.of(x.configuration()), x.expectedVersion()) == 0) {
                ConfigurationRow cur = c.get();
                if (cur == null) {
                    throw new NotFoundException("ProjectConfiguration", "1");
                }
                throw new VersionConflictException("ProjectConfiguration", "1", x.expectedVersion(), cur.version,
                        cur.updatedBy, cur.toModel());
            }
        } else if (m instanceof Mutation.InsertEnhancement x) {
            EnhancementMapper e = s.getMapper(EnhancementMapper.class);
            String id = x.enhancement().id().toString();
            try {
                db.guarded(() -> e.insert(EnhancementRow.of(x.enhancement())));
            } catch (RuntimeException ex) {
                if (db.classify(ex) == Failure.UNIQUE_VIOLATION) {
                    throw new DuplicateException("Enhancement", id, id);
                }
                throw ex;
            }
        } else if (m instanceof Mutation.UpdateEnhancement x) {
            EnhancementMapper e = s.getMapper(EnhancementMapper.class);
            String id = x.enhancement().id().toString();
            if (e.update(EnhancementRow.of(x.enhancement()), x.expectedVersion()) == 0) {
                EnhancementRow cur = e.get(id);
                if (cur == null) {
                    throw new NotFoundException("Enhancement", id);
                }
                throw new VersionConflictException("Enhancement", id, x.expectedVersion(), cur.version, cur.updatedBy,
                        cur.toModel());
            }
        } else {
            throw new IllegalArgumentException("unknown mutation " + m.getClass().getSimpleName());
        }
        return true;
    }

    /** After a claim/release changed nothing: false, or NotFound when the item does not exist at all. */
    private static boolean missing(WorkItemMapper w, UUID id) {
        if (w.exists(id.toString()) == 0) {
            throw new NotFoundException("WorkItem", id.toString());
        }
        return false;
    }

    /** A dialect lock call on this session's connection. */
    private interface LockCall {
        void lock(java.sql.Connection c) throws java.sql.SQLException;
    }

    private void lock(SqlSession s, LockCall call) {
        try {
            call.lock(s.getConnection());
        } catch (java.sql.SQLException e) {
            throw db.translate(e);
        }
    }

    private void insertDependency(SqlSession s, Mutation.InsertDependency x) {
        WorkItemMapper w = s.getMapper(WorkItemMapper.class);
        var d = x.dependency();
        lock(s, c -> db.dialect().lockDependencyGraph(c));
        try {
            db.guarded(() -> w.insertDependency(Rows.DependencyRow.of(d)));
        } catch (RuntimeException e) {
            Failure f = db.classify(e);
            if (f == Failure.UNIQUE_VIOLATION) {
                throw new DuplicateException("Dependency",
                        d.sourceId() + " " + d.dependencyType().wire() + " " + d.targetId(), null);
            }
            if (f == Failure.FOREIGN_KEY_VIOLATION) {
                UUID unknown = w.exists(d.sourceId().toString()) == 0 ? d.sourceId() : d.targetId();
                throw new NotFoundException("WorkItem", unknown.toString());
            }
            throw e;
        }
    }

    private void insertVendor(SqlSession s, Vendor v) {
        VendorMapper vm = s.getMapper(VendorMapper.class);
        String id = v.id().toString();
        try {
            db.guarded(() -> vm.insert(VendorRow.of(v)));
        } catch (RuntimeException e) {
            if (db.classify(e) == Failure.UNIQUE_VIOLATION) {
                if (vm.get(id) != null) {
                    throw new DuplicateException("Vendor", id, id);
                }
                throw nameTaken(vm, v.name());
            }
            throw e;
        }
    }

    private static DuplicateException nameTaken(VendorMapper vm, String name) {
        VendorRow existing = vm.findByName(name);
        return new DuplicateException("Vendor", name, existing == null ? null : existing.id);
    }

    private void updateVendor(SqlSession s, Vendor v, long expected) {
        VendorMapper vm = s.getMapper(VendorMapper.class);
        String id = v.id().toString();
        int n;
        try {
            n = db.guarded(() -> vm.update(VendorRow.of(v), expected));
        } catch (RuntimeException e) {
            if (db.classify(e) == Failure.UNIQUE_VIOLATION) {
                throw nameTaken(vm, v.name());
            }
            throw e;
        }
        if (n == 0) {
            VendorRow cur = vm.get(id);
            if (cur == null) {
                throw new NotFoundException("Vendor", id);
            }
            throw new VersionConflictException("Vendor", id, expected, cur.version, cur.updatedBy, cur.toModel());
        }
    }

    private void insertDeployment(SqlSession s, Deployment d) {
        DeploymentMapper dm = s.getMapper(DeploymentMapper.class);
        WorkItemMapper wm = s.getMapper(WorkItemMapper.class);
        for (UUID v : d.vendorIds()) {
            if (dm.vendorExists(v.toString()) == 0) {
                throw new NotFoundException("Vendor", v.toString());
            }
        }
        for (UUID w : d.workItemIds()) {
            if (wm.exists(w.toString()) == 0) {
                throw new NotFoundException("WorkItem", w.toString());
            }
        }
        String id = d.id().toString();
        try {
            db.guarded(() -> {
                dm.insert(Rows.DeploymentRow.of(d));
                int ord = 0;
                for (UUID v : d.vendorIds()) {
                    dm.insertVendorLink(id, v.toString(), ord++);
                }
                ord = 0;
                for (UUID w : d.workItemIds()) {
                    dm.insertWorkItemLink(id, w.toString(), ord++);
                }
                return null;
            });
        } catch (RuntimeException e) {
            Failure f = db.classify(e);
            if (f == Failure.UNIQUE_VIOLATION) {
                throw new DuplicateException("Deployment", id, id);
            }
            if (f == Failure.FOREIGN_KEY_VIOLATION) {
                // A linked record vanished between the check and the insert (another process): report it.
                throw new NotFoundException("Deployment link", id);
            }
            throw e;
        }
    }
}
