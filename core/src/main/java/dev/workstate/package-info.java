/**
 * The library's front door: {@link dev.workstate.Workstate} (open a store, reach every use case) and
 * {@link dev.workstate.WorkstateConfig} (where the data lives and how it is reached).
 */
package dev.workstate;
