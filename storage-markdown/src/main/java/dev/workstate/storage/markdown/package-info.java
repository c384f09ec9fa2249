/**
 * The Markdown storage layer: one file per record with YAML front matter, plugged in through
 * {@link dev.workstate.storage.markdown.MarkdownStorageProvider}.
 */
package dev.workstate.storage.markdown;
