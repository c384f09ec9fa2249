/**
 * Public for technical reasons (shared by adapters and frontends), not API: the JSON mapper, shared field checks and
 * wiring helpers. May change without notice.
 */
package dev.workstate.internal;
