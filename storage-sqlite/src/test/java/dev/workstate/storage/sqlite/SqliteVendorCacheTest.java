package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.Ids;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.port.Mutation;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The vendor-by-name cache stays coherent: two stores on one file, each with its own pool and probe (as two processes
 * would have), see each other's commits on the very next lookup, and a transaction sees its own uncommitted change.
 */
class SqliteVendorCacheTest extends TwoStoresOnOneFile {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private static Vendor vendor(String name) {
        return new Vendor(Ids.newId(), 1, name, VendorStatus.BROKEN, "1.0", VendorMetadata.DEFAULTS, T0, T0, "t", "t");
    }

    private static Vendor next(Vendor v, VendorStatus status, String by) {
        return new Vendor(v.id(), v.version() + 1, v.name(), status, v.extractorVersion(), v.metadata(), v.createdAt(),
                v.updatedAt().plusSeconds(1), v.createdBy(), by);
    }

    @Test
    void anUpdateByAnotherStoreIsSeenOnTheNextLookup() {
        Vendor v = vendor("ACME_01");
        first.apply(new Mutation.InsertVendor(v));
        assertThat(first.vendors().findByName("ACME_01")).contains(v);
        assertThat(first.vendors().findByName("ACME_01")).contains(v);

        Vendor updated = next(v, VendorStatus.OPERATIONAL, "other process");
        second.apply(new Mutation.UpdateVendor(updated, 1));

        assertThat(first.vendors().findByName("ACME_01")).contains(updated);
        assertThat(first.vendors().findByName("acme_01")).contains(updated);
    }

    @Test
    void aVendorCreatedByAnotherStoreReplacesARememberedMiss() {
        assertThat(first.vendors().findByName("LATE_01")).isEmpty();
        assertThat(first.vendors().findByName("LATE_01")).isEmpty();

        Vendor v = vendor("LATE_01");
        second.apply(new Mutation.InsertVendor(v));

        assertThat(first.vendors().findByName("LATE_01")).contains(v);
    }

    @Test
    void everySpellingAnswersLikeTheDatabase() {
        Vendor v = vendor("MiXeD_01");
        first.apply(new Mutation.InsertVendor(v));
        for (int round = 0; round < 2; round++) {
            assertThat(first.vendors().findByName("mixed_01")).contains(v);
            assertThat(first.vendors().findByName("MIXED_01")).contains(v);
            assertThat(first.vendors().findByName("MiXeD_01")).contains(v);
            assertThat(first.vendors().findByName("mixed_02")).isEmpty();
        }
    }

    @Test
    void aTransactionSeesItsOwnUncommittedChangeAndOthersDoNotUntilCommit() {
        Vendor v = vendor("TX_01");
        first.apply(new Mutation.InsertVendor(v));
        assertThat(second.vendors().findByName("TX_01")).contains(v);
        Vendor updated = next(v, VendorStatus.OPERATIONAL, "tx");

        Optional<Vendor> inside = first.inTransaction(() -> {
            first.apply(new Mutation.UpdateVendor(updated, 1));
            return first.vendors().findByName("TX_01");
        });

        assertThat(inside).contains(updated);
        assertThat(first.vendors().findByName("TX_01")).contains(updated);
        assertThat(second.vendors().findByName("TX_01")).contains(updated);
    }

    @Test
    void aRolledBackChangeIsNeverServed() {
        Vendor v = vendor("RB_01");
        first.apply(new Mutation.InsertVendor(v));
        assertThat(first.vendors().findByName("RB_01")).contains(v);

        try {
            first.inTransaction(() -> {
                first.apply(new Mutation.UpdateVendor(next(v, VendorStatus.OPERATIONAL, "tx"), 1));
                assertThat(first.vendors().findByName("RB_01")).map(Vendor::version).contains(2L);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(first.vendors().findByName("RB_01")).contains(v);
        assertThat(second.vendors().findByName("RB_01")).contains(v);
    }
}
