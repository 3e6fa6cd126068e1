package dev.strongroom.audit;

import static dev.strongroom.audit.JournalAnchorsTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of a journal that lost its tail (docs/audit-recovery.md): the lost lines restored verbatim
 * from an outside copy, or, when no copy has them, a confirmed gap event that seals them. Both work
 * while the journal is read-only, and a re-check afterwards lets the vault write again.
 */
class RestoredAndGapAppendsTest {

    @RegisterExtension
    final OpenJournals journals = new OpenJournals();

    @TempDir
    Path data;

    @Test
    void linesRestoredFromACopyRejoinTheChainAndTheRecheckLetsTheVaultWriteAgain() throws Exception {
        List<String> copy = journalCutAfterThreeOfFive();
        AuditJournal journal = journals.open(data);
        ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(), IntegrityFinding.Kind.SHORTER_THAN_ANCHOR,
                "events 4 to 5 are missing");

        int restored = journal.appendRestored(copy.subList(3, 5));

        assertEquals(2, restored);
        assertEquals(copy, JournalFixture.lines(journal.segments().dir()), "restored byte for byte");
        assertEquals(new ChainHead(5, EventLine.claimedHash(copy.get(4))), journal.head());
        assertEquals(5, journal.durableSeq());
        journal.recheck("restored");
        assertTrue(journals.integrity().writable(), journals.integrity().findings().toString());
        assertEquals(6, journal.append(record("document.view")).event().seq());
    }

    @Test
    void restoredLinesThatDoNotContinueTheChainAreRefusedAndNothingIsWritten() throws Exception {
        List<String> copy = journalCutAfterThreeOfFive();
        AuditJournal journal = journals.open(data);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> journal.appendRestored(copy.subList(4, 5)));

        assertTrue(refused.getMessage().startsWith("the restored lines do not continue the chain from event 3: "),
                refused.getMessage());
        assertEquals(copy.subList(0, 3), JournalFixture.lines(journal.segments().dir()));
        assertEquals(3, journal.head().seq());
    }

    @Test
    void aConfirmedGapSealsTheLostEventsInASegmentOfItsOwnAndTheRecheckAcceptsIt() throws Exception {
        List<String> copy = journalCutAfterThreeOfFive();
        AuditJournal journal = journals.open(data);
        long before = Files.size(journal.segments().list().get(0));

        JournalLine gap = journal.appendGap(gapRecord(4, 5), 5);
        journal.recheck("gap confirmed");

        assertEquals(6, gap.event().seq(), "numbered past the last lost event");
        assertEquals(EventLine.claimedHash(copy.get(2)), gap.event().prevHash(), "linked to the last event kept");
        List<Path> segments = journal.segments().list();
        assertEquals(2, segments.size());
        assertTrue(segments.get(1).getFileName().toString().startsWith("000000000006_"), segments.toString());
        assertEquals(before, Files.size(segments.get(0)), "the segment before keeps the bytes it had");
        assertTrue(journals.integrity().writable(), journals.integrity().findings().toString());
        assertEquals(new ChainHead(6, gap.event().hash()), journal.head());
        assertEquals(7, journal.append(record("document.view")).event().seq());
    }

    @Test
    void aGapCannotEndBeforeTheHead() throws Exception {
        journalCutAfterThreeOfFive();
        AuditJournal journal = journals.open(data);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> journal.appendGap(gapRecord(2, 2), 2));

        assertEquals("a gap must end at or after the head (3)", refused.getMessage());
        assertEquals(3, journal.head().seq());
        assertEquals(1, journal.segments().list().size());
    }

    @Test
    void aGapEndingAtTheHeadStartsASegmentOfItsOwn() throws Exception {
        journalCutAfterThreeOfFive();
        journals.anchor.local();
        AuditJournal journal = journals.open(data);

        journal.append(record("document.view"));

        JournalLine gap = journal.appendGap(gapRecord(4, 4), 4);

        assertEquals(5, gap.event().seq());
        assertEquals(List.of("000000000001_2026-12-04T10.jsonl", "000000000005_2026-12-04T10.jsonl"),
                journal.segments().list().stream().map(p -> p.getFileName().toString()).toList(),
                "a gap starts a segment of its own even within the hour");
    }

    /**
     * A journal of five events cut back to three, with the catalog index still holding event 5: opened,
     * it is read-only. Returns the five lines as a copy (S3, CloudWatch) still holds them.
     */
    private List<String> journalCutAfterThreeOfFive() throws IOException {
        AuditJournal journal = journals.open(data);
        for (int i = 0; i < 5; i++) {
            journal.append(record("document.upload"));
        }
        journal.close(null);
        List<String> lines = JournalFixture.lines(journal.segments().dir());
        long keep = 0;
        for (String line : lines.subList(0, 3)) {
            keep += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        JournalSegmentChangesTest.truncate(journal.segments().list().get(0), keep);
        journals.anchor.local(SettableAnchor.holding("catalog index", 5, EventLine.claimedHash(lines.get(4))));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, "the test cut events 4-5");
        return lines;
    }

    private static AuditRecord gapRecord(long from, long to) {
        return new AuditRecord("system", "system", SealedGap.ACTION, "audit/journal", Outcome.SUCCESS.value(), null, null,
                AuditRecord.details(Map.of("lostFrom", from, "lostTo", to, "proposedBy", "admin", "confirmedBy",
                        "auditor", "reason", "disk replaced", "signature", "unsigned-in-this-test")));
    }
}
