package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line a verification checkpoint names is found by reading back from its offset: the same line the
 * forward reading gives at that offset, for every line of a segment, and none where no line ends.
 */
class SegmentReaderTest {

    @TempDir
    Path dir;

    @Test
    void everyLineIsFoundBackFromWhereTheForwardReadingSaysItEnds() throws Exception {
        // Short lines, a line longer than several read windows, and text that is not ASCII.
        Path segment = write("first\n" + "x".repeat(70_000) + "\nquittance n° 7 — 12,50 €\nlast\n");
        List<String> lines = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        SegmentReader.forEachLine(segment, 0, (line, end) -> {
            lines.add(line);
            ends.add(end);
            return true;
        });

        for (int i = 0; i < lines.size(); i++) {
            assertEquals(lines.get(i), SegmentReader.lineEndingAt(segment, ends.get(i)), "line " + i);
        }
        assertEquals(4, lines.size());
    }

    @Test
    void noLineEndsInsideALineAtAnEmptyLineOrPastTheEnd() throws Exception {
        Path segment = write("first\n\nsecond\nunfinished");
        long size = Files.size(segment);

        assertNull(SegmentReader.lineEndingAt(segment, 3), "inside a line");
        assertNull(SegmentReader.lineEndingAt(segment, 7), "an empty line");
        assertNull(SegmentReader.lineEndingAt(segment, size), "bytes after the last line feed");
        assertNull(SegmentReader.lineEndingAt(segment, size + 10), "past the end");
        assertNull(SegmentReader.lineEndingAt(segment, 0), "the start");
        assertEquals("second", SegmentReader.lineEndingAt(segment, 14));
    }

    private Path write(String text) throws Exception {
        return Files.write(dir.resolve("000000000001_2026-12-05T10.jsonl"), text.getBytes(StandardCharsets.UTF_8));
    }
}
