/**
 * Developer tools run by hand with the test classpath (not tests): e.g. seeding a large store to measure the CLI's
 * cold start.
 */
package dev.workstate.cli.tools;
