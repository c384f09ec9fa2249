/**
 * The embedded default storage layer: one SQLite file ({@code <data-dir>/workstate.db}, WAL mode) behind
 * {@link dev.workstate.storage.sqlite.SqliteStorageProvider}, registered through {@code ServiceLoader}.
 */
package dev.workstate.storage.sqlite;
