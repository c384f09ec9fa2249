package dev.workstate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.error.InternalException;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.ContextType;
import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.EntityType;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.Ids;
import dev.workstate.model.ItemType;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.TestResults;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Mutation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MutationCodecTest {
    static final Instant T = Instant.parse("2026-03-04T05:06:07.891Z");

    static List<Mutation> everyKind() {
        UUID id = Ids.newId();
        WorkItem w = WorkItem.builder().id(id).version(2).itemType(ItemType.SESSION).title("t \"q\"")
                .description("d").status(WorkItemStatus.BLOCKED).parentId(Ids.newId()).path("/a/" + id).depth(1)
                .branchName("b").commitHash("c".repeat(40)).prNumber(9)
                .metadata(Map.of("token_budget", 5000, "yaml_frontmatter", Map.of("schema_version", "1"),
                        "ratio", 0.5, "list", List.of("x", 2, true)))
                .claimedBy("me").claimExpiresAt(T).deletedAt(T).archivedAt(T).createdAt(T).updatedAt(T)
                .createdBy("c").updatedBy("u").build();
        Vendor v = new Vendor(Ids.newId(), 3, "Acme", VendorStatus.OPERATIONAL, "1.2.3",
                new VendorMetadata(new FormatSupport(true, false, true, false), new TestResults(5, 9, 1), "1.2.3",
                        true), T, T, "c", "u");
        Deployment d = new Deployment(Ids.newId(), T, "a".repeat(40),
                new DeploymentMetadata(12, "PR", "a".repeat(40), Map.of("unit", 3L), true), List.of(v.id()),
                List.of(id), T, "c");
        ProjectConfiguration c = new ProjectConfiguration(1, ContextType.MAINTENANCE, id, "main", "b".repeat(40),
                3000, false, T, 4, T, "u");
        Enhancement e = new Enhancement(Ids.newId(), 2, "E", null, 1, EnhancementStatus.APPROVED, "2026-Q3",
                List.of("p"), T, T, "c", "u");
        return List.of(
                new Mutation.InsertWorkItem(w),
                new Mutation.UpdateWorkItem(w, 1, "/a/" + id),
                new Mutation.MoveSubtree(id, "/a/" + id, "/b/" + id, -1),
                new Mutation.ClaimWorkItem(id, "me", T.plusSeconds(60), T),
                new Mutation.ReleaseClaim(id, "me"),
                new Mutation.InsertDependency(new Dependency(id, Ids.newId(), DependencyType.DEPENDS_ON, T, "c")),
                new Mutation.DeleteDependency(id, Ids.newId(), DependencyType.BLOCKS),
                new Mutation.InsertVendor(v),
                new Mutation.UpdateVendor(v, 2),
                new Mutation.InsertDeployment(d),
                new Mutation.UpdateConfiguration(c, 3),
                new Mutation.InsertEnhancement(e),
                new Mutation.UpdateEnhancement(e, 1),
                new Mutation.AppendAudit(new AuditEvent(Ids.newId(), EntityType.VENDOR, v.id().toString(), "update",
                        "u", T, "{\"a\":1}", null)));
    }

    @Test
    void everyMutationRoundTripsWithItsDiscriminator() {
        List<Mutation> all = everyKind();
        assertThat(all).extracting(m -> m.getClass()).doesNotHaveDuplicates()
                .hasSize(Mutation.class.getPermittedSubclasses().length);
        for (Mutation m : all) {
            String json = MutationCodec.encode(m);
            assertThat(Json.parseObject("payload", json)).containsEntry("type", MutationCodec.typeName(m));
            assertThat(MutationCodec.decode(json)).as(json).isEqualTo(m);
        }
    }

    @Test
    void payloadIsSnakeCaseJson() {
        String json = MutationCodec.encode(new Mutation.ClaimWorkItem(UUID.fromString(
                "01900000-0000-7000-8000-000000000001"), "me", T.plusSeconds(1), T));
        assertThat(json).isEqualTo("{\"type\":\"claim_work_item\",\"id\":\"01900000-0000-7000-8000-000000000001\","
                + "\"claimed_by\":\"me\",\"expires_at\":\"2026-03-04T05:06:08.891Z\",\"now\":\"2026-03-04T05:06:07.891Z\"}");
    }

    @Test
    void updatePayloadQueuedBeforeThePathGuardDecodesAsUnguarded() {
        WorkItem w = ((Mutation.InsertWorkItem) everyKind().get(0)).item();
        tools.jackson.databind.node.ObjectNode node = (tools.jackson.databind.node.ObjectNode) Json.mapper()
                .readTree(MutationCodec.encode(new Mutation.UpdateWorkItem(w, 1, w.path())));
        node.remove("expected_path");
        assertThat(node.has("expected_version")).isTrue();

        Mutation decoded = MutationCodec.decode(Json.mapper().writeValueAsString(node));

        assertThat(decoded).isEqualTo(new Mutation.UpdateWorkItem(w, 1));
        assertThat(((Mutation.UpdateWorkItem) decoded).expectedPath()).isNull();
    }

    @Test
    void unknownOrBrokenPayloadsAreInternalErrors() {
        assertThatThrownBy(() -> MutationCodec.decode("{\"type\":\"drop_everything\"}"))
                .isInstanceOf(InternalException.class);
        assertThatThrownBy(() -> MutationCodec.decode("not json")).isInstanceOf(InternalException.class);
    }

    @Test
    void aJournalEntryIsTheListOfItsMutationsInOrder() {
        List<Mutation> all = everyKind();
        String json = MutationCodec.encodeAll(all);

        assertThat(MutationCodec.decodeAll(json)).isEqualTo(all);
        assertThat(MutationCodec.decodeAll(MutationCodec.encodeAll(List.of()))).isEmpty();
        assertThat(json).startsWith("[" + MutationCodec.encode(all.get(0)) + ",");
    }

    @Test
    void aJournalPayloadThatIsNotAListOfMutationsIsAnInternalError() {
        assertThatThrownBy(() -> MutationCodec.decodeAll("{\"type\":\"append_audit\"}"))
                .isInstanceOf(InternalException.class);
        assertThatThrownBy(() -> MutationCodec.decodeAll("[{\"type\":\"drop_everything\"}]"))
                .isInstanceOf(InternalException.class);
        assertThatThrownBy(() -> MutationCodec.decodeAll("[")).isInstanceOf(InternalException.class);
    }
}
