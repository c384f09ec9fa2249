/**
 * Round-trip tests of moving a whole store between layers (sqlite, markdown directory, JSON dump).
 * Tests only; a package of its own because they need every adapter on the classpath.
 */
package dev.workstate.transfer;
