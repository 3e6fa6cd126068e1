package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the journal's files are found and read: which segment holds an event, the last whole line of a
 * segment however long its lines, and the sequence number a line starts with.
 */
class JournalSegmentsTest {

    @TempDir
    Path dir;

    @Test
    void anEventIsFoundInTheSegmentThatHoldsItAndNowhereElse() throws Exception {
        Files.writeString(dir.resolve("000000000001_2026-12-01T10.jsonl"), line(1) + "\n" + line(2) + "\n");
        Files.writeString(dir.resolve("000000000003_2026-12-01T11.jsonl"), line(3) + "\n" + line(5) + "\n");
        JournalSegments segments = new JournalSegments(dir);

        assertEquals(Optional.of(line(1)), segments.lineAt(1));
        assertEquals(Optional.of(line(2)), segments.lineAt(2));
        assertEquals(Optional.of(line(3)), segments.lineAt(3));
        assertEquals(Optional.of(line(5)), segments.lineAt(5));
        assertEquals(Optional.empty(), segments.lineAt(4), "a number the segment skips");
        assertEquals(Optional.empty(), segments.lineAt(6), "past the head");
        assertEquals(Optional.empty(), segments.lineAt(0), "before the first segment");
        assertEquals(Optional.empty(), new JournalSegments(dir.resolve("absent")).lineAt(1));
        List<String> fromThree = new ArrayList<>();
        segments.forEachLine(3, fromThree::add);
        assertEquals(List.of(line(3), line(5)), fromThree, "read from the segment that starts with it");
    }

    @Test
    void theLastCompleteLineIgnoresATornTailAndBlankLines() throws Exception {
        Path segment = Files.writeString(dir.resolve("s.jsonl"), line(1) + "\n" + line(2) + "\n\n\n{\"seq\":3,\"to");

        assertEquals(line(2), JournalSegments.lastCompleteLine(segment));
    }

    @Test
    void aSegmentWithoutAWholeLineHasNoLastLine() throws Exception {
        assertNull(JournalSegments.lastCompleteLine(Files.writeString(dir.resolve("torn.jsonl"), "{\"seq\":1,\"i")));
        assertNull(JournalSegments.lastCompleteLine(Files.writeString(dir.resolve("blank.jsonl"), "\n\n")));
        assertNull(JournalSegments.lastCompleteLine(Files.writeString(dir.resolve("empty.jsonl"), "")));
        assertEquals("only", JournalSegments.lastCompleteLine(Files.writeString(dir.resolve("one.jsonl"), "only\n")));
    }

    @Test
    void aLastLineLongerThanOneReadIsReturnedWhole() throws Exception {
        String longLine = "{\"seq\":2,\"note\":\"" + "x".repeat(200_000) + "\"}";
        Path segment = Files.writeString(dir.resolve("long.jsonl"), line(1) + "\n" + longLine + "\n");

        assertEquals(longLine, JournalSegments.lastCompleteLine(segment));
    }

    @Test
    void theLastLineFeedIsFoundAcrossReads() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "ab\n" + "y".repeat(70_000) + "\ncd");
        try (RandomAccessFile read = new RandomAccessFile(file.toFile(), "r")) {
            assertEquals(70_003, JournalSegments.lastLineFeed(read, read.length()));
            assertEquals(2, JournalSegments.lastLineFeed(read, 70_003));
            assertEquals(-1, JournalSegments.lastLineFeed(read, 2));
            assertEquals(-1, JournalSegments.lastLineFeed(read, 0));
        }
    }

    @Test
    void anUnreadableSegmentIsNamedInTheError() {
        Path missing = dir.resolve("000000000001_2026-12-01T10.jsonl");

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> JournalSegments.lastCompleteLine(missing));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aLineTellsItsNumberOnlyWhenItStartsLikeAnEvent() {
        assertEquals(42, JournalSegments.seqOf("{\"seq\":42,\"id\":\"x\"}"));
        assertEquals(-1, JournalSegments.seqOf(" {\"seq\":42,"));
        assertEquals(-1, JournalSegments.seqOf("{\"id\":\"x\",\"seq\":42,"));
        assertEquals(-1, JournalSegments.seqOf(""));
    }

    @Test
    void segmentsAreListedInNameOrderWhichIsSequenceOrder() throws Exception {
        Files.writeString(dir.resolve("000000000010_2026-12-01T12.jsonl"), "");
        Files.writeString(dir.resolve("000000000002_2026-12-01T11.jsonl"), "");
        Files.writeString(dir.resolve("000000000001_2026-12-01T10.jsonl.cut"), "");
        JournalSegments segments = new JournalSegments(dir);

        List<String> names = new ArrayList<>();
        segments.list().forEach(p -> names.add(p.getFileName().toString()));

        assertEquals(List.of("000000000002_2026-12-01T11.jsonl", "000000000010_2026-12-01T12.jsonl"), names);
        assertEquals(dir.resolve("000000000011_2026-12-01T13.jsonl"), segments.pathFor(11, "2026-12-01T13"));
        assertEquals(10, JournalSegments.firstSeqOf(segments.list().get(1)));
    }

    private static String line(long seq) {
        return "{\"seq\":" + seq + ",\"id\":\"e" + seq + "\"}";
    }
}
