package dev.workstate.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.workstate.model.Dependency;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemSummary;
import java.util.List;

/**
 * One work item with, when asked for, its ancestors (root first), its descendants (flat, by depth then path) and its
 * dependency links. Serialises as the item's fields plus {@code ancestors}, {@code descendants}, {@code dependencies}
 * and {@code ready}.
 *
 * <p>Immutable; thread-safe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkItemView(@JsonUnwrapped WorkItem item, List<WorkItemSummary> ancestors,
                           List<WorkItemSummary> descendants, List<Dependency> dependencies, Boolean ready) {
}
