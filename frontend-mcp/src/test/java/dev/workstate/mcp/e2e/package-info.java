/**
 * End-to-end tests through the real launcher {@code bin/workstate-mcp} and the shaded jar; they run in the
 * integration-test phase, after {@code package}.
 */
package dev.workstate.mcp.e2e;
