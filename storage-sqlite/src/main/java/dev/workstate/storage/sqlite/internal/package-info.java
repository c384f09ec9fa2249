/**
 * The SQLite {@link dev.workstate.storage.jdbc.Dialect}: connection pragmas, {@code BEGIN IMMEDIATE}, FTS5 search and
 * SQLite error classification. Private to this module; not API.
 */
package dev.workstate.storage.sqlite.internal;
