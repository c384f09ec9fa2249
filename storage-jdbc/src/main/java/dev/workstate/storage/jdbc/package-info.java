/**
 * What the SQLite and PostgreSQL stores share: {@link dev.workstate.storage.jdbc.JdbcStore}, a complete
 * {@link dev.workstate.port.Store} over HikariCP, MyBatis and Liquibase, and the {@link dev.workstate.storage.jdbc.Dialect}
 * each database implements for what differs (transaction start, full-text search, error classification).
 */
package dev.workstate.storage.jdbc;
