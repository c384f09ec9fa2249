package dev.workstate.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A vendor always carries metadata: the SQL column is NOT NULL and the status report reads it. */
class VendorTest {
    @Test
    void aVendorWithoutMetadataCannotBeMade() {
        Instant t = Instant.parse("2026-11-26T00:00:00Z");
        assertThatThrownBy(() -> new Vendor(UUID.randomUUID(), 1, "Acme", VendorStatus.BROKEN, "1.0", null, t, t, "a",
                "a")).isInstanceOf(IllegalArgumentException.class).hasMessage("vendor metadata is required");
    }
}
