/**
 * Use cases over the storage ports: one service per aggregate, taking client-shaped requests, validating them
 * completely, and turning them into {@link dev.workstate.port.Mutation}s applied in one transaction with their audit
 * events.
 */
package dev.workstate.service;
