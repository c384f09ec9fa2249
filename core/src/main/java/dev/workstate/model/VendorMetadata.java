package dev.workstate.model;

/**
 * The complete, validated metadata of a vendor extractor. {@code extractorVersion} always equals the vendor's
 * top-level {@code extractor_version}.
 *
 * <p>Immutable; thread-safe.
 */
public record VendorMetadata(FormatSupport formatSupport, TestResults testResults, String extractorVersion,
                             boolean manifestCompliant) {
    /** The defaults a new vendor starts from, before the given metadata is merged over them. */
    public static final VendorMetadata DEFAULTS = new VendorMetadata(FormatSupport.NONE, TestResults.NONE, "0.0.0", false);
}
