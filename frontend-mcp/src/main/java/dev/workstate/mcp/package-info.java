/**
 * The Workstate stdio MCP server: process entry point, argument parsing and the stdin/stdout guard that keeps the
 * protocol stream clean and the session alive across malformed input.
 */
package dev.workstate.mcp;
