package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.http.ProblemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal against its outside anchors, as it opens and at a re-check: an anchor past the head or
 * holding another event under one of its numbers turns it read-only; reads are then held, changes
 * refused, and a re-check that finds the anchors satisfied releases what was held into the chain.
 */
class JournalAnchorsTest {

    @RegisterExtension
    final OpenJournals journals = new OpenJournals();

    @TempDir
    Path data;

    @Test
    void anAnchorPastTheHeadMakesTheJournalReadOnlyHoldsReadsAndRefusesChanges() throws Exception {
        List<JournalLine> written = appendAndClose(3);
        journals.anchor.local(SettableAnchor.holding("catalog index", 5, null));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, "the anchor holds events 4-5");

        AuditJournal journal = journals.open(data);

        IntegrityFinding finding = ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(),
                IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, "events 4 to 5 are missing");
        assertEquals(5, finding.seq());
        JournalLine heldRead = journal.append(record("document.view"));
        assertEquals(0, heldRead.event().seq(), "a held event has no number yet");
        assertNull(heldRead.line());
        assertEquals(1, journal.heldCount());
        ProblemException refused = assertThrows(ProblemException.class,
                () -> journal.append(record("document.upload"), true));
        assertEquals(503, refused.status());
        assertTrue(refused.getMessage().contains("SHORTER_THAN_ANCHOR at seq 5"), refused.getMessage());
        assertEquals(written.get(2).line(), lastLine(), "nothing was appended while read-only");
        assertEquals(new ChainHead(3, written.get(2).event().hash()), journal.head());
    }

    @Test
    void aRecheckThatFindsTheAnchorSatisfiedReleasesTheHeldEventsInOrder() throws Exception {
        List<JournalLine> written = appendAndClose(3);
        journals.anchor.local(SettableAnchor.holding("catalog index", 5, null));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, "the anchor holds events 4-5");
        AuditJournal journal = journals.open(data);
        JournalLine first = journal.append(record("document.view"));
        journal.append(record("document.download"));

        journals.anchor.local(SettableAnchor.holding("catalog index", 3, written.get(2).event().hash()));
        AuditJournal.Check check = journal.recheck("operator");

        assertTrue(journals.integrity().writable(), journals.integrity().findings().toString());
        assertEquals("operator", check.trigger());
        assertEquals(List.of(), check.findings());
        assertEquals(0, journal.heldCount());
        List<String> lines = JournalFixture.lines(data.resolve("audit/journal"));
        assertEquals(5, lines.size());
        AuditEvent released = EventLine.parse(lines.get(3));
        assertEquals("document.view", released.action());
        assertEquals(first.event().id(), released.detail().get("heldId"));
        assertEquals(first.event().time(), released.detail().get("heldAt"));
        assertEquals("document.download", EventLine.parse(lines.get(4)).action());
        assertEquals(5, journal.durableSeq());
        assertChainVerifies(lines);
    }

    @Test
    void heldEventsWaitingFromAnEarlierRunJoinTheChainWhenTheJournalOpensWritable() throws Exception {
        appendAndClose(2);
        journals.anchor.local(SettableAnchor.holding("newest signed digest", 9, null));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, "the digest holds event 9");
        AuditJournal readOnly = journals.open(data);
        readOnly.append(record("document.view"));
        readOnly.close(null);
        journals.anchor.local();

        AuditJournal journal = journals.open(data);

        assertEquals(0, journal.heldCount());
        assertEquals(3, journal.head().seq());
        assertEquals("document.view", EventLine.parse(lastLine()).action());
    }

    @Test
    void anAnchorHoldingAnotherEventUnderANumberTheJournalHasIsAReusedNumber() throws Exception {
        appendAndClose(3);
        String other = "ab".repeat(32);
        journals.anchor.local(SettableAnchor.holding("CloudWatch", 2, other));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SEQUENCE_REUSED, "the anchor's event 2 differs");

        journals.open(data);

        IntegrityFinding finding = ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(),
                IntegrityFinding.Kind.SEQUENCE_REUSED, "is not the one the CloudWatch (test) holds");
        assertEquals(2, finding.seq());
    }

    @Test
    void anAnchorThatAgreesWithTheJournalLeavesItWritable() throws Exception {
        List<JournalLine> written = appendAndClose(3);
        journals.anchor.local(SettableAnchor.holding("catalog index", 3, written.get(2).event().hash()),
                SettableAnchor.holding("newest signed digest", 2, written.get(1).event().hash()));

        AuditJournal journal = journals.open(data);

        assertTrue(journals.integrity().writable(), journals.integrity().findings().toString());
        assertEquals(List.of(), journal.lastCheck().findings());
        assertEquals(2, journal.lastCheck().anchors().size());
        assertEquals(new ChainHead(3, written.get(2).event().hash()), journal.lastCheck().head());
        assertEquals(4, journal.append(record("document.view")).event().seq());
    }

    @Test
    void aRemoteAnchorPastTheHeadStopsTheFirstAppend() throws Exception {
        appendAndClose(2);
        journals.anchor.remote(SettableAnchor.holding("segments in S3", 4, null),
                AnchorReading.unavailable("CloudWatch", "timed out"));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, "S3 holds events 3-4");
        AuditJournal journal = journals.open(data);

        JournalLine held = journal.append(record("document.view"));

        assertEquals(0, held.event().seq());
        ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(), IntegrityFinding.Kind.SHORTER_THAN_ANCHOR,
                "the segments in S3 (test) holds event 4");
        AuditJournal.Check check = journal.checkedAgainstEveryAnchor();
        assertEquals(List.of("segments in S3", "CloudWatch"),
                check.anchors().stream().map(AnchorReading::anchor).toList());
        assertEquals(1, check.findings().size());
        assertEquals(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, check.findings().get(0).kind());
    }

    @Test
    void anEventEditedInTheJournalIsAFindingOfTheCheckAtOpenButDoesNotStopWrites() throws Exception {
        appendAndClose(3);
        Path segment = new JournalSegments(data.resolve("audit/journal")).list().get(0);
        JournalOnDisk.writeInPlace(segment, java.nio.file.Files.readString(segment)
                .replaceFirst("\"resource\":\"document/d-2\"", "\"resource\":\"document/d-X\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        AuditJournal journal = journals.open(data);

        List<AnchorCheck.Finding> findings = journal.lastCheck().findings();
        assertEquals(IntegrityFinding.Kind.CHAIN_BROKEN, findings.get(0).kind());
        assertEquals(2, findings.get(0).seq());
        assertTrue(journals.integrity().writable(), "a broken link degrades the trail, it does not stop the vault");
        assertEquals(4, journal.append(record("document.view")).event().seq());
    }

    private List<JournalLine> appendAndClose(int count) {
        AuditJournal journal = journals.open(data);
        List<JournalLine> written = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            written.add(journal.append(new AuditRecord("alice", "analyst", "document.upload", "document/d-" + i,
                    Auditor.SUCCESS, "127.0.0.1", "req-" + i, AuditRecord.details(Map.of()))));
        }
        journal.close(null);
        return written;
    }

    private String lastLine() {
        List<String> lines = JournalFixture.lines(data.resolve("audit/journal"));
        return lines.get(lines.size() - 1);
    }

    static AuditRecord record(String action) {
        return new AuditRecord("bob", "auditor", action, "document/d-1", Auditor.SUCCESS, "127.0.0.1", "req-9",
                AuditRecord.details(Map.of()));
    }

    static void assertChainVerifies(List<String> lines) {
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        lines.forEach(verifier::accept);
        assertTrue(verifier.result().ok(), verifier.result().findings().toString());
        assertEquals(lines.size(), verifier.result().eventCount());
    }
}
