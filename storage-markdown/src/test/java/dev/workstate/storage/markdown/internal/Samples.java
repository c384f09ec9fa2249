package dev.workstate.storage.markdown.internal;

import dev.workstate.model.ContextType;
import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.ItemType;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.TestResults;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fixed records for golden-file and round-trip tests. */
final class Samples {
    static final UUID PROJECT = UUID.fromString("0192f0a0-0000-7000-8000-000000000001");
    static final UUID TASK = UUID.fromString("0192f0a0-0000-7000-8000-000000000002");
    static final UUID VENDOR = UUID.fromString("0192f0a0-0000-7000-8000-000000000003");
    static final UUID DEPLOYMENT = UUID.fromString("0192f0a0-0000-7000-8000-000000000004");
    static final UUID ENHANCEMENT = UUID.fromString("0192f0a0-0000-7000-8000-000000000005");
    static final Instant T0 = Instant.parse("2026-11-26T09:30:00Z");
    static final Instant T1 = Instant.parse("2026-11-26T10:15:42.120Z");

    private Samples() {
    }

    static WorkItem task() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("estimated_hours", 4.5);
        meta.put("blocked_reason", "waiting: for \"review\" # soon");
        meta.put("actual_hours", 2L);
        return WorkItem.builder().id(TASK).version(3).itemType(ItemType.TASK)
                .title("Parse --- the *front matter*: safely")
                .description("Steps:\n\n1. read\n2. `parse`\n---\nnot: yaml\n")
                .status(WorkItemStatus.BLOCKED).parentId(PROJECT).path("/" + PROJECT + "/" + TASK).depth(1)
                .branchName("feature/markdown").commitHash("0123456789abcdef0123456789abcdef01234567").prNumber(42)
                .metadata(meta).claimedBy("agent-7").claimExpiresAt(T1.plusSeconds(1800))
                .createdAt(T0).updatedAt(T1).createdBy("claude-code").updatedBy("cli")
                .build();
    }

    static WorkItem project() {
        return WorkItem.builder().id(PROJECT).version(1).itemType(ItemType.PROJECT).title("Workstate")
                .description(null).path("/" + PROJECT).depth(0)
                .metadata(Map.of("description", "Track project state",
                        "constitutional_principles", List.of("Simplicity", "Test-first")))
                .createdAt(T0).updatedAt(T0).createdBy("claude-code").updatedBy("claude-code").build();
    }

    static Vendor vendor() {
        return new Vendor(VENDOR, 2, "ACME Corp", VendorStatus.OPERATIONAL, "1.4.0",
                new VendorMetadata(new FormatSupport(true, true, false, false), new TestResults(40, 45, 3), "1.4.0",
                        true), T0, T1, "claude-code", "ci");
    }

    static Deployment deployment() {
        return new Deployment(DEPLOYMENT, T1, "0123456789abcdef0123456789abcdef01234567",
                new DeploymentMetadata(12, "Markdown store", "0123456789abcdef0123456789abcdef01234567",
                        Map.of("unit", 120L, "integration", 14L), true),
                List.of(VENDOR), List.of(PROJECT, TASK), T1, "ci");
    }

    static Enhancement enhancement() {
        return new Enhancement(ENHANCEMENT, 1, "Semantic search", "Embeddings over descriptions", 2,
                EnhancementStatus.PLANNED, "2027-Q1", List.of("Local-first"), T0, T0, "claude-code", "claude-code");
    }

    static ProjectConfiguration configuration() {
        return new ProjectConfiguration(1, ContextType.FEATURE, null, "main", null, 200_000, true, T0, 1, T0,
                "claude-code");
    }

    static Dependency dependency() {
        return new Dependency(TASK, PROJECT, DependencyType.DEPENDS_ON, T1, "claude-code");
    }
}
