package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * SnakeYAML Engine 3.0.1 reads its input in 1 024-character chunks and fails with an index error when a chunk ends
 * on the high half of a surrogate pair (an emoji or a flag). The hostile-content property found it; the general
 * YAML path must read such text like any other.
 */
class SurrogateAtBufferEdgeTest {

    @Test
    void aSurrogatePairAcrossEveryChunkEdgeIsReadBack() throws Exception {
        for (int edge = 1024; edge <= 2048; edge += 1024) {
            for (int pad = edge - 20; pad < edge + 4; pad++) {
                String title = "x".repeat(pad) + "🇫🇷🇫🇷 end";
                // a flow mapping makes the fast reader decline, so SnakeYAML reads it
                String yaml = "title: \"" + title + "\"\nmeta: {a: 1}\n";
                FrontMatter.Parsed parsed = FrontMatter.parseYaml("f.md", yaml, 1);
                assertThat(parsed.values()).containsEntry("title", title);
            }
        }
    }
}
