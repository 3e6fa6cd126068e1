package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.http.ProblemException;
import java.nio.file.Files;
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
        assertNull(heldRead.event().detail(), "an empty detail is left out, as in the journal");
        assertEquals(1, journal.heldCount());
        assertEquals(1, journals.counted("strongroom.audit.events.held"));
        assertEquals(0, journals.counted("strongroom.audit.events"));
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
        assertEquals(2, journals.counted("strongroom.audit.events"), "the released events count as appended");
        assertChainVerifies(lines);
    }

    @Test
    void aReleaseACrashInterruptedIsFinishedWithoutPuttingItsEventsInTheChainTwice() throws Exception {
        List<JournalLine> written = appendAndClose(3);
        journals.anchor.local(SettableAnchor.holding("catalog index", 9, null));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, "the anchor holds events 4-9");
        AuditJournal journal = journals.open(data);
        journal.append(record("document.view"));
        journal.append(record("document.download"));
        Path held = data.resolve("audit/held");
        byte[] beingReleased = Files.readAllBytes(held.resolve("held.jsonl"));
        journals.anchor.local(SettableAnchor.holding("catalog index", 3, written.get(2).event().hash()));
        journal.recheck("operator");
        // The crash: the release file is back as if the events had joined the chain but the file was
        // never marked released. A later hold makes the next re-check release again.
        Files.write(held.resolve("releasing-after-3.1.jsonl"), beingReleased);
        journals.anchor.local(SettableAnchor.holding("catalog index", 9, null));
        journal.recheck("operator");
        journal.append(record("document.share"));

        journals.anchor.local();
        journal.recheck("operator");

        List<String> actions = new java.util.ArrayList<>();
        for (String line : JournalFixture.lines(data.resolve("audit/journal"))) {
            actions.add(EventLine.parse(line).action());
        }
        assertEquals(List.of("document.upload", "document.upload", "document.upload", "document.view",
                "document.download", "document.share"), actions);
        try (var files = Files.list(held)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("releasing-"))
                    .toList(), "every release is marked finished");
        }
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
        assertEquals(1, journals.counted("strongroom.audit.events"));
        assertTrue(journals.integrity().checkedRange().startsWith("events 1 to 3 ("),
                journals.integrity().checkedRange());
    }

    @Test
    void aRemoteAnchorPastTheHeadIsInTheCheckEvenBeforeAnyAppend() throws Exception {
        appendAndClose(2);
        journals.anchor.remote(SettableAnchor.holding("segments in S3", 4, null));
        ExpectedReadOnlyFindings.announce(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, "S3 holds events 3-4");
        AuditJournal journal = journals.open(data);

        AuditJournal.Check check = journal.checkedAgainstEveryAnchor();

        assertEquals(List.of(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR),
                check.findings().stream().map(AnchorCheck.Finding::kind).toList());
        ExpectedReadOnlyFindings.assertReadOnly(journals.integrity(), IntegrityFinding.Kind.SHORTER_THAN_ANCHOR,
                "holds event 4");
    }

    @Test
    void aRecheckKeepsTheFindingsItDoesNotCheckItself() throws Exception {
        appendAndClose(2);
        AuditJournal journal = journals.open(data);
        journals.integrity().report(IntegrityFinding.Kind.DIGEST_REFUSED, 2, "the digest writer refused to sign");

        journal.recheck("operator");

        assertEquals(List.of(IntegrityFinding.Kind.DIGEST_REFUSED),
                journals.integrity().findings().stream().map(IntegrityFinding::kind).toList());
        assertTrue(journals.integrity().writable());
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
                    Outcome.SUCCESS.value(), "127.0.0.1", "req-" + i, AuditRecord.details(Map.of()))));
        }
        journal.close(null);
        return written;
    }

    private String lastLine() {
        List<String> lines = JournalFixture.lines(data.resolve("audit/journal"));
        return lines.get(lines.size() - 1);
    }

    static AuditRecord record(String action) {
        return new AuditRecord("bob", "auditor", action, "document/d-1", Outcome.SUCCESS.value(), "127.0.0.1", "req-9",
                AuditRecord.details(Map.of()));
    }

    static void assertChainVerifies(List<String> lines) {
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        lines.forEach(verifier::accept);
        assertTrue(verifier.result().ok(), verifier.result().findings().toString());
        assertEquals(lines.size(), verifier.result().eventCount());
    }
}
