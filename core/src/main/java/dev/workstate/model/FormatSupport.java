package dev.workstate.model;

/**
 * Which input formats a vendor extractor supports.
 *
 * <p>Immutable; thread-safe.
 */
public record FormatSupport(boolean excel, boolean csv, boolean pdf, boolean ocr) {
    public static final FormatSupport NONE = new FormatSupport(false, false, false, false);
}
