/**
 * Implementation of the Markdown store (file codec, write-ahead journal, locks, in-memory indexes); not API, private to
 * this module.
 */
package dev.workstate.storage.markdown.internal;
