/**
 * Implementation of the JDBC store: row types, MyBatis mappers, SQL builders, transactions and the Liquibase runner.
 * Private to this module (and the adapters built on it); not API.
 */
package dev.workstate.storage.jdbc.internal;
