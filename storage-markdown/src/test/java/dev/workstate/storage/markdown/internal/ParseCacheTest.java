package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.workstate.internal.Json;
import dev.workstate.model.Dependency;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse cache is invisible: a store opened from it holds exactly what parsing every file gives, and any file whose
 * bytes changed since it was written (by hand, by another process, deleted, added) is read from the file; a damaged or
 * foreign cache is ignored and rebuilt.
 */
class ParseCacheTest {
    @TempDir
    Path tmp;

    /** Everything a load produced, comparable with equals (JSON text keeps the order of metadata maps). */
    private static Map<String, Object> snapshot(State s) {
        Map<String, Object> m = new TreeMap<>();
        s.items.forEach((id, w) -> m.put("item " + id, List.of(w, Json.write(w))));
        s.vendors.forEach((id, v) -> m.put("vendor " + id, List.of(v, Json.write(v))));
        s.deployments.forEach((id, d) -> m.put("deployment " + id, List.of(d, Json.write(d))));
        s.enhancements.forEach((id, e) -> m.put("enhancement " + id, List.of(e, Json.write(e))));
        s.deps.forEach((k, d) -> m.put("dependency " + k, List.of(d, Json.write(d))));
        m.put("paths", new TreeMap<>(s.byPath));
        m.put("children", new TreeMap<>(s.children));
        m.put("vendor names", new TreeMap<>(s.vendorByName));
        m.put("configuration", String.valueOf(s.configuration));
        m.put("invalid", new ArrayList<>(s.invalid.keySet()));
        return m;
    }

    private static State loadWithCache(Path dir) throws IOException {
        return Loader.load(dir, null, () -> ParseCache.read(dir));
    }

    private static WorkItem hostileItem(String title, String description, Map<String, Object> meta) {
        UUID id = UUID.randomUUID();
        return Samples.task().toBuilder().id(id).parentId(null).path("/" + id).depth(0).title(title)
                .description(description).metadata(meta).branchName(description).claimedBy(title).build();
    }

    @Test
    void stateFromTheCacheEqualsStateFromParsingEveryFile() {
        int[] n = {0};
        qt().withExamples(40).forAll(HostileContentRoundTripTest.nonEmptyText(), HostileContentRoundTripTest.text(),
                HostileContentRoundTripTest.metadata()).checkAssert((title, description, meta) -> {
                    Path dir = tmp.resolve("p" + n[0]++);
                    WorkItem parent = hostileItem(title, description, meta);
                    UUID childId = UUID.randomUUID();
                    WorkItem child = parent.toBuilder().id(childId).parentId(parent.id())
                            .path(parent.path() + "/" + childId).depth(1).metadata(Map.of()).prNumber(null)
                            .deletedAt(Samples.T1).build();
                    Vendor v = Samples.vendor();
                    Vendor vendor = new Vendor(UUID.randomUUID(), 3, title, v.status(), description, v.metadata(),
                            v.createdAt(), v.updatedAt(), description, title);
                    Vendor bare = new Vendor(UUID.randomUUID(), 1, title + "2", v.status(), null,
                            new dev.workstate.model.VendorMetadata(new dev.workstate.model.FormatSupport(false, true,
                                    false, true), new dev.workstate.model.TestResults(0, 0, 0), null, false),
                            v.createdAt(), v.updatedAt(), null, null);
                    Deployment d = Samples.deployment();
                    Deployment deployment = new Deployment(UUID.randomUUID(), d.deployedAt(), d.commitHash(),
                            d.metadata(), List.of(vendor.id()), List.of(parent.id(), childId), d.createdAt(),
                            title);
                    Enhancement e = Samples.enhancement();
                    Enhancement enhancement = new Enhancement(UUID.randomUUID(), 2, title, description, 4,
                            e.status(), null, List.of(title, description), e.createdAt(), e.updatedAt(), title,
                            description);
                    Dependency dep = new Dependency(childId, parent.id(), Samples.dependency().dependencyType(),
                            Samples.T1, title);
                    try (MarkdownStore s = MarkdownStore.open(dir, "t", false)) {
                        s.inTransaction(() -> {
                            s.apply(new Mutation.InsertWorkItem(parent));
                            s.apply(new Mutation.InsertWorkItem(child));
                            s.apply(new Mutation.InsertVendor(vendor));
                            s.apply(new Mutation.InsertVendor(bare));
                            s.apply(new Mutation.InsertDeployment(deployment));
                            s.apply(new Mutation.InsertEnhancement(enhancement));
                            s.apply(new Mutation.InsertDependency(dep));
                            return null;
                        });
                    }
                    try {
                        Files.deleteIfExists(dir.resolve(ParseCache.FILE));
                        State scratch = Loader.load(dir);
                        State first = loadWithCache(dir); // no cache yet: parses, and asks for one
                        assertThat(first.cacheUpdate).isNotNull();
                        first.cacheUpdate.write(dir);
                        assertThat(ParseCache.read(dir).size()).isEqualTo(7);
                        State cached = loadWithCache(dir);
                        assertThat(cached.cacheUpdate).as("every file answered by the cache").isNull();
                        assertThat(snapshot(cached)).isEqualTo(snapshot(scratch));
                        assertThat(snapshot(first)).isEqualTo(snapshot(scratch));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
    }

    @Test
    void theStoreWritesTheCacheAfterAStaleOpenAndUsesItNextTime() throws IOException {
        Path dir = tmp.resolve("markdown");
        WorkItem w;
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            w = TestItems.create(s, "cached", null);
        }
        assertThat(dir.resolve(ParseCache.FILE)).doesNotExist(); // that open found nothing to cache
        MarkdownStore.open(dir, "t").close();
        assertThat(ParseCache.read(dir).size()).isEqualTo(1);
        Object key = Files.readAttributes(dir.resolve(ParseCache.FILE),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThat(s.workItems().get(w.id())).contains(w);
        }
        // nothing changed: the cache was not rewritten
        assertThat(Files.readAttributes(dir.resolve(ParseCache.FILE),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(key);
    }

    @Test
    void handEditsAfterTheCacheWasWrittenAreSeenEvenWithTheSameSize() throws IOException {
        Path dir = tmp.resolve("markdown");
        WorkItem a;
        WorkItem b;
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            a = TestItems.create(s, "title-a", null);
            b = TestItems.create(s, "title-b", null);
        }
        MarkdownStore.open(dir, "t").close();
        assertThat(ParseCache.read(dir).size()).isEqualTo(2);
        Path fa = dir.resolve(Layout.workItem(a.id()));
        Path fb = dir.resolve(Layout.workItem(b.id()));
        long size = Files.size(fa);
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(fa);
        Files.writeString(fa, Files.readString(fa).replace("title: title-a\n", "title: title-A\n"));
        Files.setLastModifiedTime(fa, mtime); // even a same-size edit with the old time is seen
        assertThat(Files.size(fa)).isEqualTo(size);
        Files.writeString(fb, Files.readString(fb).replace("version: 1\n", "version: x\n"));
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThat(s.workItems().get(a.id()).orElseThrow().title()).isEqualTo("title-A");
            assertThat(s.workItems().get(b.id())).isEmpty();
            assertThat(s.invalidFiles()).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo(Layout.workItem(b.id()));
                assertThat(e.line()).isEqualTo(3);
            });
        }
        // the invalid file is not cached: fixed by hand, it is back
        Files.writeString(fb, Files.readString(fb).replace("version: x\n", "version: 1\n"));
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThat(s.workItems().get(b.id())).contains(b);
            assertThat(s.invalidFiles()).isEmpty();
        }
    }

    @Test
    void deletedAndAddedFilesAreSeen() throws IOException {
        Path dir = tmp.resolve("markdown");
        Path other = tmp.resolve("other");
        WorkItem gone;
        WorkItem kept;
        WorkItem added;
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            gone = TestItems.create(s, "gone", null);
            kept = TestItems.create(s, "kept", null);
        }
        try (MarkdownStore s = MarkdownStore.open(other, "t")) {
            added = TestItems.create(s, "added", null);
        }
        MarkdownStore.open(dir, "t").close();
        Files.delete(dir.resolve(Layout.workItem(gone.id())));
        Files.copy(other.resolve(Layout.workItem(added.id())), dir.resolve(Layout.workItem(added.id())));
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            assertThat(s.workItems().get(gone.id())).isEmpty();
            assertThat(s.workItems().get(kept.id())).contains(kept);
            assertThat(s.workItems().get(added.id())).contains(added);
            assertThat(s.workItems().count()).isEqualTo(2);
        }
        assertThat(ParseCache.read(dir).size()).isEqualTo(2);
    }

    @Test
    void aDamagedOrForeignCacheIsIgnoredAndRebuilt() throws IOException {
        Path dir = tmp.resolve("markdown");
        try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
            for (int i = 0; i < 5; i++) {
                TestItems.create(s, "item " + i, null);
            }
            s.apply(new Mutation.InsertVendor(Samples.vendor()));
        }
        State scratch = Loader.load(dir);
        MarkdownStore.open(dir, "t").close();
        byte[] good = Files.readAllBytes(dir.resolve(ParseCache.FILE));
        List<byte[]> damaged = new ArrayList<>();
        damaged.add(new byte[0]);
        damaged.add(java.util.Arrays.copyOf(good, good.length / 2));
        damaged.add("not a cache at all, but long enough".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int at : new int[] {0, 5, good.length / 3, good.length / 2, good.length - 5, good.length - 1}) {
            byte[] b = good.clone();
            b[at] ^= 0x20;
            damaged.add(b);
        }
        for (byte[] bytes : damaged) {
            Files.write(dir.resolve(ParseCache.FILE), bytes);
            assertThat(ParseCache.read(dir).size()).isZero();
            assertThat(snapshot(loadWithCache(dir))).isEqualTo(snapshot(scratch));
            try (MarkdownStore s = MarkdownStore.open(dir, "t")) {
                assertThat(s.workItems().count()).isEqualTo(5);
                assertThat(s.invalidFiles()).isEmpty();
            }
            assertThat(ParseCache.read(dir).size()).as("rebuilt").isEqualTo(6);
        }
        Files.delete(dir.resolve(ParseCache.FILE));
        Files.createDirectory(dir.resolve(ParseCache.FILE)); // not even a file
        assertThat(snapshot(loadWithCache(dir))).isEqualTo(snapshot(scratch));
    }

    @Test
    void anotherProcesssWritesAfterTheCacheWasWrittenAreSeen() throws Exception {
        Path dir = tmp.resolve("markdown");
        WorkItem counter;
        try (MarkdownStore s = MarkdownStore.open(dir, "parent")) {
            counter = TestItems.create(s, "0", null);
        }
        MarkdownStore.open(dir, "parent").close();
        assertThat(ParseCache.read(dir).size()).isEqualTo(1);
        Process p = MultiProcessTest.spawn(dir, "w", 5, counter.id().toString());
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        try (MarkdownStore s = MarkdownStore.open(dir, "parent")) {
            assertThat(s.workItems().count()).isEqualTo(6);
            WorkItem c = s.workItems().get(counter.id()).orElseThrow();
            assertThat(c.title()).isEqualTo("5");
            assertThat(c.version()).isEqualTo(6);
        }
        assertThat(ParseCache.read(dir).size()).isEqualTo(6);
        assertThat(snapshot(loadWithCache(dir))).isEqualTo(snapshot(Loader.load(dir)));
    }
}
