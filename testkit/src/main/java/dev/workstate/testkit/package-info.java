/**
 * Contract suites every storage adapter extends (one per aggregate), with fixtures and helpers; an adapter that passes
 * them behaves like every other layer.
 */
package dev.workstate.testkit;
