/**
 * ArchUnit and source-layout rules of DESIGN.md, checked over the classes of every module at once.
 * Tests only; nothing here ships.
 */
package dev.workstate.architecture;
