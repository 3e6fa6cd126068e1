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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void everyEventOfAnHourLongSegmentIsFoundWhateverItsLinesLengths() throws Exception {
        Map<Long, String> written = writeLongSegment(20_000);
        JournalSegments segments = new JournalSegments(dir);

        for (long seq = 0; seq <= 20_002; seq += seq < 100 || seq > 19_900 ? 1 : 7) {
            assertEquals(Optional.ofNullable(written.get(seq)), segments.lineAt(seq), "event " + seq);
        }
    }

    @Test
    void readingOnFromAnEventNearTheEndDoesNotReadTheHourBeforeIt() throws Exception {
        Map<Long, String> written = writeLongSegment(20_000);
        JournalSegments segments = new JournalSegments(dir);

        List<String> fed = new ArrayList<>();
        segments.forEachLine(19_990, fed::add);

        List<String> expected = written.entrySet().stream().filter(e -> e.getKey() >= 19_990)
                .map(Map.Entry::getValue).toList();
        assertEquals(expected, fed.subList(fed.size() - expected.size(), fed.size()), "every event from 19,990 on");
        long before = fed.size() - expected.size();
        long writtenBefore = written.size() - expected.size();
        assertTrue(before < 2_000, before + " of the " + writtenBefore + " lines before event 19,990 were read");
    }

    @Test
    void aDamagedLineOrATornTailDoesNotHideTheEventsAroundIt() throws Exception {
        Map<Long, String> written = writeLongSegment(20_000);
        Path segment = dir.resolve("000000000001_2026-12-01T10.jsonl");
        String text = Files.readString(segment).replace(written.get(15_000L) + "\n", "{\"seq\":15000,\"i\u0000d\n")
                .replace(written.get(15_001L) + "\n", "garbage\n");
        Files.writeString(segment, text + "{\"seq\":20001,\"id\":\"e2");
        JournalSegments segments = new JournalSegments(dir);

        assertEquals(Optional.of(written.get(14_999L)), segments.lineAt(14_999));
        assertEquals(Optional.of(written.get(15_002L)), segments.lineAt(15_002));
        assertEquals(Optional.of(written.get(19_999L)), segments.lineAt(19_999));
        List<String> fed = new ArrayList<>();
        segments.forEachLine(15_001, fed::add);
        assertEquals("garbage", fed.get(fed.indexOf(written.get(15_002L)) - 1), "the damaged line is fed in its place");
        assertEquals("{\"seq\":20001,\"id\":\"e2", fed.get(fed.size() - 1), "the torn tail comes last");
    }

    @Test
    void aTailEntersAnHourLongSegmentAtTheEventAfterTheOneAsked() throws Exception {
        Map<Long, String> written = writeLongSegment(20_000);
        Path segment = dir.resolve("000000000001_2026-12-01T10.jsonl");
        Files.writeString(segment, Files.readString(segment).replace(written.get(5L) + "\n", "damaged\n"));

        try (JournalTail tail = new JournalTail(new JournalSegments(dir), () -> 19_998)) {
            tail.seekAfter(19_995);
            assertEquals(19_996, tail.next().seq(), "the damaged event 5 is far behind and not read");
            assertEquals(19_997, tail.next().seq());
            assertEquals(19_998, tail.next().seq());
            assertNull(tail.next(), "event 19,999 is not durable yet");
            tail.seekAfter(1_999);
            assertEquals(2_001, tail.next().seq(), "2,000 is a number the segment skips");
        }
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

    /**
     * One segment of events 1 to {@code last}, every thousandth number skipped and every 500th line about
     * 100 KB long, as a busy hour with large details writes it.
     */
    private Map<Long, String> writeLongSegment(long last) throws Exception {
        Map<Long, String> written = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (long seq = 1; seq <= last; seq++) {
            if (seq % 1_000 == 0) {
                continue;
            }
            String line = seq % 500 == 1 ? "{\"seq\":" + seq + ",\"id\":\"e" + seq + "\",\"detail\":{\"note\":\""
                    + "x".repeat(100_000) + "\"}}" : line(seq);
            written.put(seq, line);
            text.append(line).append('\n');
        }
        Files.writeString(dir.resolve("000000000001_2026-12-01T10.jsonl"), text);
        return written;
    }

    private static String line(long seq) {
        return "{\"seq\":" + seq + ",\"id\":\"e" + seq + "\"}";
    }
}
