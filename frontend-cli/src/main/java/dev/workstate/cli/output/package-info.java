/**
 * Human output of the CLI: aligned tables, box-drawn trees, key/value blocks and a stderr progress bar for long work.
 * Nothing here touches a store.
 */
package dev.workstate.cli.output;
