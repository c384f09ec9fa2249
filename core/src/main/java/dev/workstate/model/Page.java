package dev.workstate.model;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list result: the items, the total number of matches ignoring paging, and whether more follow.
 *
 * <p>Immutable; thread-safe if the items are.
 */
public record Page<T>(List<T> items, long totalCount, int limit, int offset, boolean hasMore) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, long totalCount, int limit, int offset) {
        return new Page<>(items, totalCount, limit, offset, (long) offset + items.size() < totalCount);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), totalCount, limit, offset, hasMore);
    }
}
