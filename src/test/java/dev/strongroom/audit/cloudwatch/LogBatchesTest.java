package dev.strongroom.audit.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalEntry;
import dev.strongroom.audit.JournalFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batches the shipper builds stay within PutLogEvents' limits (the emulator does not enforce
 * them, so they are checked here, on the batches themselves), and oversized lines follow the rule.
 */
class LogBatchesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aBatchHoldsAtMost10000Events() {
        // Journal lines are a few hundred bytes, so the byte limit binds first; small parts show the count limit.
        Deque<LogPart> small = new ArrayDeque<>();
        for (long seq = 1; seq <= 25_000; seq++) {
            small.add(new LogPart(seq, 1, 1, NOW.toEpochMilli(), "{\"seq\":" + seq + "}", 20, "h", NOW));
        }
        BatchBuilder builder = new BatchBuilder(BatchLimits.SERVICE);
        List<LogBatch> batches = new ArrayList<>();
        for (LogBatch b = builder.next(() -> single(small)); !b.isEmpty(); b = builder.next(() -> single(small))) {
            batches.add(b);
        }
        assertEquals(List.of(10_000, 10_000, 5_000), batches.stream().map(b -> b.parts().size()).toList());
        assertInSequence(batches, 25_000);
    }

    @Test
    void aBatchHoldsAtMost1048576BytesCounting26BytesPerEventAndIsFilledUpToIt() {
        List<String> lines = JournalFixture.append(dir, 3_000, NOW, Map.of("pad", "p".repeat(700)));
        List<LogBatch> batches = batches(entries(lines), BatchLimits.SERVICE);
        assertTrue(batches.size() > 2);
        for (int i = 0; i < batches.size(); i++) {
            LogBatch batch = batches.get(i);
            long counted = batch.parts().stream().mapToLong(p -> p.message().getBytes(StandardCharsets.UTF_8).length
                    + BatchLimits.EVENT_OVERHEAD).sum();
            assertEquals(counted, batch.bytes());
            assertTrue(counted <= BatchLimits.SERVICE_MAX_BYTES, "batch of " + counted + " bytes");
            if (i + 1 < batches.size()) {
                LogPart next = batches.get(i + 1).parts().get(0);
                assertTrue(counted + next.bytes() + BatchLimits.EVENT_OVERHEAD > BatchLimits.SERVICE_MAX_BYTES,
                        "batch " + i + " closed although the next event fitted");
            }
        }
        assertInSequence(batches, 3_000);
    }

    @Test
    void aBatchSpansLessThan24Hours() {
        List<String> lines = new ArrayList<>();
        for (int hour = 0; hour < 60; hour += 6) {
            lines.addAll(JournalFixture.append(dir, 10, NOW.minus(Duration.ofHours(60 - hour))));
        }
        List<LogBatch> batches = batches(entries(lines), BatchLimits.SERVICE, Duration.ofDays(13));
        assertTrue(batches.size() >= 3, "60 hours of events need at least three batches");
        for (LogBatch batch : batches) {
            assertTrue(batch.lastStamp() - batch.firstStamp() < Duration.ofHours(24).toMillis(),
                    "batch spans " + Duration.ofMillis(batch.lastStamp() - batch.firstStamp()));
        }
        assertInSequence(batches, 100);
    }

    @Test
    void stampsNeverGoBackNorBelowTheOldestTimeCloudWatchTakes() {
        List<String> lines = new ArrayList<>(JournalFixture.append(dir, 1, NOW.minus(Duration.ofDays(20))));
        lines.addAll(JournalFixture.append(dir, 1, NOW.minusSeconds(10)));
        lines.addAll(JournalFixture.append(dir, 1, NOW.minusSeconds(60)));
        List<LogPart> parts = batches(entries(lines), BatchLimits.SERVICE, Duration.ofDays(13)).stream()
                .flatMap(b -> b.parts().stream()).toList();
        assertEquals(NOW.minus(Duration.ofDays(13)).toEpochMilli(), parts.get(0).stamp(), "20 days old: floored");
        assertEquals(NOW.minusSeconds(10).toEpochMilli(), parts.get(1).stamp());
        assertEquals(parts.get(1).stamp(), parts.get(2).stamp(), "a clock step back keeps the order");
        assertEquals(lines.get(2), parts.get(2).message(), "the message keeps the event's own time");
    }

    @Test
    void anOversizedLineGoesInPartsOfAtMost256KiBThatJoinToItByteForByte() {
        List<String> lines = new ArrayList<>(JournalFixture.append(dir, 1, NOW));
        String big = JournalFixture.append(dir, 1, NOW, Map.of("scan", "ü".repeat(400_000))).get(0);
        lines.add(big);
        lines.addAll(JournalFixture.append(dir, 1, NOW));
        List<LogBatch> batches = batches(entries(lines), BatchLimits.SERVICE);
        List<LogPart> all = batches.stream().flatMap(b -> b.parts().stream()).toList();
        List<LogPart> parts = all.stream().filter(p -> p.seq() == 2).toList();
        assertEquals(big.getBytes(StandardCharsets.UTF_8).length > BatchLimits.SERVICE_MAX_EVENT_BYTES, true);
        assertEquals(5, parts.size(), "800 kB of line, about 196 kB per part");
        for (LogPart part : parts) {
            assertTrue(part.bytes() + BatchLimits.EVENT_OVERHEAD <= BatchLimits.SERVICE_MAX_EVENT_BYTES);
            assertEquals(part.bytes(), part.message().getBytes(StandardCharsets.UTF_8).length);
        }
        String joined = EventParts.join(parts.stream().map(p -> EventParts.read(p.message())).toList());
        assertEquals(big, joined);
        assertEquals(EventLine.claimedHash(big), EventLine.computedHash(joined));
        assertEquals(List.of(1L, 2L, 2L, 2L, 2L, 2L, 3L), all.stream().map(LogPart::seq).toList());
    }

    @Test
    void aLineLargerThanABatchContinuesInTheNextBatchAndCompletesOnlyThere() {
        JournalFixture.append(dir, 1, NOW);
        String huge = JournalFixture.append(dir, 1, NOW, Map.of("scan", "z".repeat(1_500_000))).get(0);
        List<LogBatch> batches = batches(entries(JournalFixture.lines(dir)), BatchLimits.SERVICE);
        assertEquals(3, batches.size());
        assertEquals(1, batches.get(0).complete().seq(), "the first batch completes event 1 only");
        assertNull(batches.get(1).complete(), "the middle batch holds only parts of event 2");
        assertEquals(2, batches.get(2).complete().seq());
        List<LogPart> parts = batches.stream().flatMap(b -> b.parts().stream()).filter(p -> p.seq() == 2).toList();
        assertEquals(huge, EventParts.join(parts.stream().map(p -> EventParts.read(p.message())).toList()));
        batches.forEach(b -> assertTrue(b.bytes() <= BatchLimits.SERVICE_MAX_BYTES));
    }

    @Test
    void limitsAboveTheServiceLimitsAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class,
                () -> new BatchLimits(10_001, 1_048_576, Duration.ofHours(24), 262_144));
        assertThrows(IllegalArgumentException.class,
                () -> new BatchLimits(10_000, 1_048_577, Duration.ofHours(24), 262_144));
        assertThrows(IllegalArgumentException.class,
                () -> new BatchLimits(10_000, 1_048_576, Duration.ofHours(25), 262_144));
        assertThrows(IllegalArgumentException.class,
                () -> new BatchLimits(10_000, 1_048_576, Duration.ofHours(24), 262_145));
    }

    private static List<LogPart> single(Deque<LogPart> parts) {
        LogPart part = parts.poll();
        return part == null ? null : List.of(part);
    }

    private static List<JournalEntry> entries(List<String> lines) {
        return lines.stream().map(JournalEntry::of).collect(Collectors.toList());
    }

    private static List<LogBatch> batches(List<JournalEntry> entries, BatchLimits limits) {
        return batches(entries, limits, Duration.ofDays(13));
    }

    private static List<LogBatch> batches(List<JournalEntry> entries, BatchLimits limits, Duration maxAge) {
        Stamps stamps = new Stamps(Clock.fixed(NOW, ZoneOffset.UTC), maxAge, 0);
        Deque<JournalEntry> queue = new ArrayDeque<>(entries);
        BatchBuilder builder = new BatchBuilder(limits);
        List<LogBatch> batches = new ArrayList<>();
        while (true) {
            LogBatch batch = builder.next(() -> {
                JournalEntry e = queue.poll();
                return e == null ? null
                        : EventParts.of(e, stamps.next(e.time().toEpochMilli()), limits.maxMessageBytes());
            });
            if (batch.isEmpty()) {
                return batches;
            }
            batches.add(batch);
        }
    }

    private static void assertInSequence(List<LogBatch> batches, long n) {
        List<Long> seqs = batches.stream().flatMap(b -> b.parts().stream()).map(LogPart::seq).toList();
        LogStreams.assertExactlyOneToN(seqs, n);
        long previous = Long.MIN_VALUE;
        for (LogBatch batch : batches) {
            for (LogPart part : batch.parts()) {
                assertTrue(part.stamp() >= previous, "timestamps never go back");
                previous = part.stamp();
            }
        }
    }
}
