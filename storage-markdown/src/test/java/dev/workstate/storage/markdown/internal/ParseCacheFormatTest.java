package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.WorkItem;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link ParseCache#VERSION} to the binary form it names. A cache written by an older build is trusted only when
 * its version matches, so a change of the encoding that keeps the version would make a new build decode old caches
 * wrongly. This test fixes a checksum of the encoding of sample records of every cached type: when it fails, bump
 * {@code ParseCache.VERSION} and put the new version and checksum here (together, in the same commit).
 */
class ParseCacheFormatTest {
    /** {@code VERSION/checksum} of the samples' encoding; update only together with a bump of the version. */
    private static final String EXPECTED = "1/77f5b072";

    @Test
    void theEncodingOfEachVersionNeverChanges() {
        Vendor v = Samples.vendor();
        Vendor bare = new Vendor(v.id(), v.version(), v.name(), v.status(), null,
                new VendorMetadata(null, null, null, false), v.createdAt(), v.updatedAt(), null, null);
        // metadata maps are encoded in their iteration order: Map.of's is random per JVM, so fix it
        WorkItem project = Samples.project().toBuilder()
                .metadata(new TreeMap<>(Samples.project().metadata())).build();
        CRC32 crc = new CRC32();
        for (Object record : List.of(project, Samples.task(), v, bare, Samples.deployment(),
                Samples.enhancement(), Samples.dependency())) {
            ParseCache.Out out = new ParseCache.Out(256);
            ParseCache.encode(out, record);
            crc.update(out.buf, 0, out.size);
            // and what is encoded decodes to the same record
            assertThat(ParseCache.decode(new ParseCache.In(out.buf, out.size))).isEqualTo(record);
        }
        assertThat(ParseCache.VERSION + "/" + Long.toHexString(crc.getValue()))
                .as("the parse cache's binary form changed: bump ParseCache.VERSION and update EXPECTED")
                .isEqualTo(EXPECTED);
    }
}
