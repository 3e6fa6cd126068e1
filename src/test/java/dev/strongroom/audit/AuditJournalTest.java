package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's contract on a real file system: each append is numbered, chained to the one before
 * and on disk when it returns; concurrent appends make one unbroken chain; a restart continues the
 * chain where it ended.
 */
class AuditJournalTest {

    @TempDir
    Path data;

    @Test
    void appendsAreNumberedChainedAndDurableWhenTheyReturn() throws Exception {
        AuditJournal journal = open();

        JournalLine first = journal.append(record("document.upload", Map.of("size", "12")));
        JournalLine second = journal.append(record("document.view", Map.of()));

        assertEquals(1, first.event().seq());
        assertEquals(AuditEvent.GENESIS_HASH, first.event().prevHash());
        assertEquals(2, second.event().seq());
        assertEquals(first.event().hash(), second.event().prevHash());
        assertEquals(EventLine.computedHash(second.line()), second.event().hash());
        assertEquals(2, journal.durableSeq());
        assertEquals(new ChainHead(2, second.event().hash()), journal.head());
        assertEquals(List.of(first.line(), second.line()), linesOnDisk(journal));
        assertEquals("12", EventLine.parse(first.line()).detail().get("size"));
        assertEquals(null, EventLine.parse(second.line()).detail(), "an empty detail is left out");
        journal.close(null);
    }

    @Test
    void concurrentAppendsMakeOneUnbrokenChain() throws Exception {
        AuditJournal journal = open();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<JournalLine>> appends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            appends.add(pool.submit(() -> journal.append(record("document.view", Map.of()))));
        }
        for (Future<JournalLine> append : appends) {
            append.get();
        }
        pool.shutdown();

        ChainVerifier verifier = ChainVerifier.fromGenesis();
        linesOnDisk(journal).forEach(verifier::accept);
        assertTrue(verifier.result().ok(), verifier.result().findings().toString());
        assertEquals(200, verifier.result().eventCount());
        assertEquals(200, journal.durableSeq());
        journal.close(null);
    }

    /**
     * An executor's {@code shutdownNow}, as at every stop, interrupts whichever of its threads is appending; a
     * file channel that sees its thread interrupted closes itself, and the journal's channel must not be closed by
     * any one caller: the journal stays writable and every append that returned is on disk.
     */
    @Test
    void appendersInterruptedAgainAndAgainLeaveTheJournalWritableAndWhole() throws Exception {
        AuditJournal journal = open();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<JournalLine>> appends = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            appends.add(pool.submit(() -> {
                Thread.currentThread().interrupt();
                return journal.append(record("document.view", Map.of()));
            }));
        }
        for (Future<JournalLine> append : appends) {
            append.get();
        }
        pool.shutdown();

        journal.append(record("document.view", Map.of()));
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        linesOnDisk(journal).forEach(verifier::accept);
        assertTrue(verifier.result().ok(), verifier.result().findings().toString());
        assertEquals(401, verifier.result().eventCount());
        journal.close(null);
    }

    @Test
    void aRestartContinuesTheChainWhereItEnded() throws Exception {
        AuditJournal before = open();
        before.append(record("login.success", Map.of()));
        JournalLine last = before.append(record("document.upload", Map.of()));
        before.close(null);

        AuditJournal after = open();
        JournalLine next = after.append(record("document.view", Map.of()));

        assertEquals(3, next.event().seq());
        assertEquals(last.event().hash(), next.event().prevHash());
        assertEquals(3, after.durableSeq());
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        linesOnDisk(after).forEach(verifier::accept);
        assertTrue(verifier.result().ok(), verifier.result().findings().toString());
        assertEquals(3, verifier.result().eventCount());
        after.close(null);
    }

    @Test
    void aLineTornByACrashIsCutOffRecordedAndTheChainGoesOnFromTheLastWholeEvent() throws Exception {
        AuditJournal before = open();
        before.append(record("document.upload", Map.of()));
        JournalLine whole = before.append(record("document.view", Map.of()));
        before.close(null);
        Path segment = before.segments().list().get(0);
        Files.writeString(segment, "{\"seq\":3,\"id\":\"torn", java.nio.file.StandardOpenOption.APPEND);

        AuditJournal after = open();
        JournalLine next = after.append(record("document.download", Map.of()));

        List<String> lines = linesOnDisk(after);
        assertEquals(4, lines.size(), "two whole events, the cut's record, the next event");
        AuditEvent cut = EventLine.parse(lines.get(2));
        assertEquals(TornTail.ACTION, cut.action());
        assertEquals(whole.event().hash(), cut.prevHash(), "the torn bytes are never appended onto");
        assertEquals(new ChainHead(4, next.event().hash()), after.head());
        assertEquals(cut.hash(), next.event().prevHash());
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        lines.forEach(verifier::accept);
        assertTrue(verifier.result().ok(), verifier.result().findings().toString());
        after.close(null);
    }

    @Test
    void anEmptySegmentACrashLeftIsRemovedAndItsCutRecordedAfterThePreviousHead() throws Exception {
        AuditJournal before = open();
        JournalLine last = before.append(record("document.upload", Map.of()));
        before.close(null);
        Path empty = Files.writeString(before.segments().dir().resolve("000000000002_2999-01-01T00.jsonl"),
                "{\"seq\":2,\"id");

        AuditJournal after = open();

        assertTrue(Files.notExists(empty), "the segment held only a torn line");
        List<String> lines = linesOnDisk(after);
        assertEquals(2, lines.size());
        AuditEvent cut = EventLine.parse(lines.get(1));
        assertEquals(TornTail.ACTION, cut.action());
        assertEquals(last.event().hash(), cut.prevHash());
        assertEquals(new ChainHead(2, cut.hash()), after.head());
        after.close(null);
    }

    @Test
    void segmentsAreReadFromTheOneThatMayHoldTheRequestedSeq() throws Exception {
        Path dir = Files.createDirectories(data.resolve("segments"));
        Files.writeString(dir.resolve("000000000001_2026-12-01T10.jsonl"), "a1\na2\n\n");
        Files.writeString(dir.resolve("000000000003_2026-12-01T11.jsonl"), "b3\nb4\n");
        Files.writeString(dir.resolve("000000000005_2026-12-01T12.jsonl"), "c5\n");
        Files.writeString(dir.resolve("notes.txt"), "not a segment");
        JournalSegments segments = new JournalSegments(dir);

        List<String> fromStart = new ArrayList<>();
        segments.forEachLine(0, fromStart::add);
        List<String> fromFour = new ArrayList<>();
        segments.forEachLine(4, fromFour::add);
        List<String> fromNine = new ArrayList<>();
        segments.forEachLine(9, fromNine::add);

        assertEquals(List.of("a1", "a2", "b3", "b4", "c5"), fromStart);
        assertEquals(List.of("b3", "b4", "c5"), fromFour);
        assertEquals(List.of("c5"), fromNine);
        assertEquals(3, segments.list().size());
        assertEquals(5, JournalSegments.firstSeqOf(segments.list().get(2)));
        assertEquals(List.of(), new JournalSegments(data.resolve("absent")).list());
    }

    @Test
    void theJournalPreparationsRunBeforeItOpens() throws Exception {
        List<Path> prepared = new ArrayList<>();
        AuditJournal journal = StandaloneJournal.open(data, segments -> prepared.add(segments.dir()));

        assertEquals(List.of(data.resolve("audit").resolve("journal")), prepared);
        assertEquals(new ChainHead(0, AuditEvent.GENESIS_HASH), journal.head());
        journal.close(null);
    }

    private AuditJournal open() {
        return StandaloneJournal.open(data);
    }

    private static AuditRecord record(String action, Map<String, ?> detail) {
        return new AuditRecord("alice", "analyst", action, "document/d-1", Outcome.SUCCESS.value(), "127.0.0.1", "req-1",
                AuditRecord.details(detail));
    }

    private static List<String> linesOnDisk(AuditJournal journal) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path segment : journal.segments().list()) {
            Files.readAllLines(segment).stream().filter(l -> !l.isEmpty()).forEach(lines::add);
        }
        return lines;
    }
}
