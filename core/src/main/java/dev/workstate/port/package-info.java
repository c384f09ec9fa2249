/**
 * Storage ports: the {@link dev.workstate.port.Store} every layer implements, its read ports, the
 * {@link dev.workstate.port.Mutation} values through which all changes flow, and the
 * {@link dev.workstate.port.StorageProvider} SPI adapters register through {@code ServiceLoader}.
 */
package dev.workstate.port;
