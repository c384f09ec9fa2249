/**
 * The PostgreSQL storage layer, the shared team database: {@link dev.workstate.storage.postgres.PostgresStorageProvider}
 * is its one entry point (plus {@link dev.workstate.storage.postgres.PostgresStore} for tools and tests).
 */
package dev.workstate.storage.postgres;
