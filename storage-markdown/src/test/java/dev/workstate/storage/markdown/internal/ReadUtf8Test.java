package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

/** {@link FileOps#readUtf8} reads exactly what {@link Files#readString} reads, and rejects what it rejects. */
class ReadUtf8Test {
    @TempDir
    Path dir;

    private String roundTrip(String content) throws IOException {
        Path f = dir.resolve("f.md");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return FileOps.readUtf8(f);
    }

    @Test
    void readsEmptyAsciiAndMultiByteText() throws IOException {
        assertThat(roundTrip("")).isEmpty();
        assertThat(roundTrip("---\nid: x\n---\n# Title\n")).isEqualTo("---\nid: x\n---\n# Title\n");
        assertThat(roundTrip("Grüße, 日本語, emoji \uD83D\uDE80")).isEqualTo("Grüße, 日本語, emoji \uD83D\uDE80");
        String replacement = "a real replacement character \uFFFD stays";
        assertThat(roundTrip(replacement)).isEqualTo(replacement);
    }

    @Test
    void readsFilesAroundAndBeyondTheOneReadBuffer() throws IOException {
        for (int size : new int[] {FileOps.SMALL_FILE - 1, FileOps.SMALL_FILE, FileOps.SMALL_FILE + 1,
                3 * FileOps.SMALL_FILE + 17}) {
            String content = "é" + "a".repeat(size - 3) + "\n";
            assertThat(roundTrip(content)).as("size %d", size).isEqualTo(content);
        }
    }

    @Test
    void rejectsMalformedUtf8LikeFilesReadString() throws IOException {
        Path f = dir.resolve("bad.md");
        Files.write(f, new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> Files.readString(f)).isInstanceOf(CharacterCodingException.class);
        assertThatThrownBy(() -> FileOps.readUtf8(f)).isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void anyTextReadsBackUnchanged() {
        QuickTheory.qt().withExamples(300).forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 3000))
                .check(s -> {
                    try {
                        // lone surrogates cannot be encoded; what Files.writeString wrote is the reference
                        Path f = dir.resolve("p.md");
                        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                        Files.write(f, bytes);
                        return FileOps.readUtf8(f).equals(Files.readString(f));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
