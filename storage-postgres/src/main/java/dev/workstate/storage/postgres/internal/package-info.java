/**
 * Implementation details of the PostgreSQL layer: its {@link dev.workstate.storage.jdbc.Dialect}. Not API.
 */
package dev.workstate.storage.postgres.internal;
