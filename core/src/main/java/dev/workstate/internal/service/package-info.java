/**
 * Implementations of the use-case interfaces of {@code dev.workstate.service}, with their shared helpers (audit events,
 * metadata validation). Public only so Guice can bind them; not API.
 */
package dev.workstate.internal.service;
