package dev.workstate.port;

import java.util.List;

/**
 * A lower layer's journal of changes a higher layer committed: the write-through half of mirroring that runs on the
 * writer's path. {@link #append} commits one higher-layer transaction's mutations durably in this layer as one row;
 * the chain later folds the entries into the layer's tables in order, in batches, and always before the layer serves
 * a read or takes a write. A store offers a journal when appending an entry is much cheaper than applying the
 * mutations (SQLite: one file write instead of a dozen index pages and a full-text update per change).
 *
 * <p>Implementations are thread-safe.
 */
public interface MirrorJournalPort {

    /**
     * Records {@code mutations} (one committed transaction of a higher layer, each carrying a whole record) as one
     * entry, durable when this returns as the layer's own commits are (a crash of the process loses nothing).
     */
    void append(List<Mutation> mutations);

    /** The oldest entries not yet folded, in order. */
    List<JournalEntry> pending(int limit);

    /**
     * Removes every entry up to and including {@code seq}; called once the fold that applied them committed (an entry
     * folded twice after a crash in between changes nothing).
     */
    void removeThrough(long seq);

    /** How many entries are waiting to be folded. */
    long size();

    /**
     * One journal entry: a higher layer's committed transaction, in {@code seq} order.
     *
     * <p>Immutable; thread-safe.
     */
    record JournalEntry(long seq, List<Mutation> mutations) {
        public JournalEntry {
            mutations = List.copyOf(mutations);
        }
    }
}
