/**
 * The MCP tool contract: parameter declarations that generate each tool's JSON Schema and type-check its arguments, one
 * small class per tool group mapping arguments onto the core services, and the result/error mapping.
 */
package dev.workstate.mcp.tool;
