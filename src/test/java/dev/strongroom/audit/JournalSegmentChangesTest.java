package dev.strongroom.audit;

import static dev.strongroom.audit.JournalAnchorsTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strongroom.http.ProblemException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment being appended to, changed behind the running journal's back, is found at the next
 * append, before anything is written onto it; segments roll over with the UTC hour.
 */
class JournalSegmentChangesTest {

    @RegisterExtension
    final OpenJournals journals = new OpenJournals();

    @TempDir
    Path data;

    @Test
    void aDeletedSegmentIsFoundAtTheNextAppendWhichIsHeld() throws Exception {
        AuditJournal journal = journalWithTwoEvents();
        Files.delete(segment(journal));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SEGMENT_CHANGED, "the test deleted the segment");

        JournalLine held = journal.append(record("document.view"));

        assertEquals(0, held.event().seq());
        assertEquals(1, journal.heldCount());
        IntegrityFinding finding = ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(),
                IntegrityFinding.Kind.SEGMENT_CHANGED, "was deleted while the vault ran");
        assertEquals(3, finding.seq());
        assertEquals(List.of(), journal.segments().list(), "nothing was written into a new file either");
    }

    @Test
    void aSegmentCutWhileTheVaultRunsRefusesTheNextChange() throws Exception {
        AuditJournal journal = journalWithTwoEvents();
        long wrote = Files.size(segment(journal));
        truncate(segment(journal), wrote - 10);
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SEGMENT_CHANGED, "the test cut the segment");

        ProblemException refused = assertThrows(ProblemException.class,
                () -> journal.append(record("document.upload"), true));

        assertEquals(503, refused.status());
        ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(), IntegrityFinding.Kind.SEGMENT_CHANGED,
                "is " + (wrote - 10) + " bytes long but the journal wrote " + wrote + ": it was cut");
        assertEquals(wrote - 10, Files.size(segment(journal)), "nothing is appended onto a cut segment");
        assertEquals(0, journal.heldCount(), "a change is refused, not held");
    }

    @Test
    void bytesWrittenIntoTheSegmentBySomeoneElseAreFound() throws Exception {
        AuditJournal journal = journalWithTwoEvents();
        long wrote = Files.size(segment(journal));
        Files.writeString(segment(journal), "{\"seq\":3}\n", StandardOpenOption.APPEND);
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SEGMENT_CHANGED, "the test wrote into the segment");

        journal.append(record("document.view"));

        ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(), IntegrityFinding.Kind.SEGMENT_CHANGED,
                "is " + (wrote + 10) + " bytes long but the journal wrote " + wrote
                        + ": it was written to by someone else");
    }

    @Test
    void aSegmentReplacedByACopyOfItselfIsFound() throws Exception {
        AuditJournal journal = journalWithTwoEvents();
        Path segment = segment(journal);
        Path copy = Files.copy(segment, data.resolve("copy.jsonl"));
        Files.move(copy, segment, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SEGMENT_CHANGED, "the test replaced the segment");

        journal.append(record("document.view"));

        ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(), IntegrityFinding.Kind.SEGMENT_CHANGED,
                "was replaced by another file while the vault ran");
    }

    @Test
    void theSegmentLeftAtTheEndOfAnHourIsCheckedBeforeTheNextOneStarts() throws Exception {
        AuditJournal journal = journalWithTwoEvents();
        long wrote = Files.size(segment(journal));
        truncate(segment(journal), wrote - 1);
        journals.clock.advance(Duration.ofHours(1));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SEGMENT_CHANGED, "the test cut the segment");

        journal.append(record("document.view"));

        ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(), IntegrityFinding.Kind.SEGMENT_CHANGED, "cut");
        assertEquals(1, journal.segments().list().size());
    }

    @Test
    void eachUtcHourHasASegmentNamedAfterItsFirstEvent() throws Exception {
        AuditJournal journal = journalWithTwoEvents();
        journals.clock.advance(Duration.ofMinutes(44));
        journal.append(record("document.view"));
        journals.clock.advance(Duration.ofMinutes(2));

        JournalLine next = journal.append(record("document.download"));

        assertEquals(List.of("000000000001_2026-12-04T10.jsonl", "000000000004_2026-12-04T11.jsonl"),
                names(journal));
        assertEquals("2026-12-04T11:01:00Z", next.event().time());
        assertEquals(4, journal.durableSeq());
        JournalAnchorsTest.assertChainVerifies(JournalFixture.lines(journal.segments().dir()));
    }

    @Test
    void aRestartWithinTheHourContinuesItsSegmentAndALaterOneStartsANewFile() throws Exception {
        journalWithTwoEvents().close(null);

        AuditJournal sameHour = journals.open(data);
        sameHour.append(record("document.view"));
        sameHour.close(null);
        journals.clock.advance(Duration.ofHours(3));
        AuditJournal later = journals.open(data);
        later.append(record("document.view"));

        assertEquals(List.of("000000000001_2026-12-04T10.jsonl", "000000000004_2026-12-04T13.jsonl"),
                names(later));
        assertEquals(3, JournalOnDisk.linesOf(later.segments().list().get(0)).size());
        JournalAnchorsTest.assertChainVerifies(JournalFixture.lines(later.segments().dir()));
    }

    private AuditJournal journalWithTwoEvents() {
        AuditJournal journal = journals.open(data);
        journal.append(record("document.upload"));
        journal.append(record("document.upload"));
        return journal;
    }

    private static Path segment(AuditJournal journal) {
        return journal.segments().list().get(0);
    }

    private static List<String> names(AuditJournal journal) {
        return journal.segments().list().stream().map(p -> p.getFileName().toString()).toList();
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
