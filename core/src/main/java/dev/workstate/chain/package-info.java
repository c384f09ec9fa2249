/**
 * The fallback chain: a {@link dev.workstate.port.Store} built from an ordered list of layer stores, with health
 * probing, outbox replay and conflict recording.
 */
package dev.workstate.chain;
