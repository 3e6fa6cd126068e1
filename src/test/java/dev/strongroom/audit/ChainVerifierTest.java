package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The chain rules on plain lines, without a vault: each line must match its own hash, follow its
 * predecessor's sequence number and carry its predecessor's hash as {@code prevHash}. A forger who
 * edits an event and recomputes that line's hash is caught by the link of the line after it.
 */
class ChainVerifierTest {

    @Test
    void anIntactChainVerifiesAndEndsAtItsHead() {
        List<String> chain = chain(4);

        VerificationResult result = verify(chain);

        assertTrue(result.ok(), result.findings().toString());
        assertEquals(4, result.eventCount());
        assertEquals(new ChainHead(4, EventLine.claimedHash(chain.get(3))), result.head());
        assertNull(result.firstBrokenSeq());
    }

    @Test
    void anEventEditedWithItsOwnHashRecomputedBreaksTheLinkOfTheNextEvent() {
        List<String> chain = chain(4);
        AuditEvent original = parse(chain.get(1));
        String forged = EventLine.seal(new AuditEvent(original.seq(), original.id(), original.time(), "mallory",
                original.role(), original.action(), original.resource(), original.outcome(), original.client(),
                original.requestId(), original.detail(), original.prevHash(), null));
        chain.set(1, forged);

        VerificationResult result = verify(chain);

        assertFalse(result.ok());
        assertEquals(List.of(new ChainVerifier.Finding(3, "broken-link",
                "event 3 does not chain to the event before it (prevHash mismatch)")), result.findings());
        assertEquals(3L, result.firstBrokenSeq());
    }

    @Test
    void anEventWhosePrevHashWasRewrittenAndRehashedIsCaughtAtThatEvent() {
        List<String> chain = chain(3);
        AuditEvent original = parse(chain.get(2));
        chain.set(2, EventLine.seal(new AuditEvent(original.seq(), original.id(), original.time(), original.actor(),
                original.role(), original.action(), original.resource(), original.outcome(), original.client(),
                original.requestId(), original.detail(), "0".repeat(64), null)));

        VerificationResult result = verify(chain);

        assertEquals(List.of("broken-link"), kinds(result));
        assertEquals(3L, result.firstBrokenSeq());
    }

    @Test
    void anEditWithoutRehashingIsReportedAsAltered() {
        List<String> chain = chain(3);
        chain.set(1, chain.get(1).replace("\"action\":\"test.action\"", "\"action\":\"test.actioN\""));

        VerificationResult result = verify(chain);

        assertEquals(List.of(new ChainVerifier.Finding(2, "altered", "event 2 does not match its hash (content changed)")),
                result.findings());
    }

    @Test
    void aDeletedLineIsReportedAsMissingAndTheRangeIsNamed() {
        List<String> chain = chain(6);
        chain.remove(1);
        chain.remove(1);

        VerificationResult result = verify(chain);

        assertEquals(List.of(new ChainVerifier.Finding(2, "missing", "events 2 to 3 are missing")), result.findings());
    }

    @Test
    void aSingleDeletedLineIsNamedAlone() {
        List<String> chain = chain(3);
        chain.remove(1);

        assertEquals(List.of(new ChainVerifier.Finding(2, "missing", "event 2 is missing")), verify(chain).findings());
    }

    @Test
    void aRepeatedLineIsOutOfOrder() {
        List<String> chain = chain(3);
        chain.add(chain.get(1));

        VerificationResult result = verify(chain);

        // The chain 1-2-3 itself is intact, and the copy links to event 1 as the original did: a duplicate, no break.
        assertEquals(List.of("out-of-order"), kinds(result));
        assertEquals("event 2 appears again after event 3 (duplicated)", result.findings().get(0).message());
        assertEquals(4, result.eventCount());
    }

    @Test
    void anUnreadableLineIsReportedAndTheNextLineIsStillChecked() {
        List<String> chain = chain(3);
        chain.set(1, "{not json");
        chain.set(2, chain.get(2).replace("\"actor\":\"alice\"", "\"actor\":\"alicE\""));

        VerificationResult result = verify(chain);

        assertEquals(List.of(new ChainVerifier.Finding(2, "unreadable", "line 2 is not a valid event (expected seq 2)"),
                new ChainVerifier.Finding(3, "altered", "event 3 does not match its hash (content changed)")),
                result.findings());
    }

    @Test
    void aLineWithoutAHashMemberIsAltered() {
        List<String> chain = chain(2);
        String line = chain.get(1);
        chain.set(1, line.substring(0, line.indexOf(",\"hash\"")) + "}");

        assertEquals(List.of("altered"), kinds(verify(chain)));
    }

    @Test
    void anExportFromMidChainChecksFromItsAnchor() {
        List<String> chain = chain(5);
        AuditEvent anchor = parse(chain.get(1));

        ChainVerifier verifier = new ChainVerifier(anchor.seq(), anchor.hash());
        chain.subList(2, 5).forEach(verifier::accept);

        assertTrue(verifier.result().ok());
        assertEquals(5, verifier.lastSeq());

        ChainVerifier wrongAnchor = new ChainVerifier(anchor.seq(), "f".repeat(64));
        chain.subList(2, 5).forEach(wrongAnchor::accept);
        assertEquals(List.of(new ChainVerifier.Finding(3, "broken-link",
                "event 3 does not chain to the event before it (prevHash mismatch)")), wrongAnchor.result().findings());
    }

    @Test
    void anAnchorMissingItsEventIsAGap() {
        List<String> chain = chain(5);
        ChainVerifier verifier = new ChainVerifier(1, parse(chain.get(0)).hash());
        chain.subList(2, 5).forEach(verifier::accept);

        assertEquals(List.of(new ChainVerifier.Finding(2, "missing", "event 2 is missing")), verifier.result().findings());
    }

    @Test
    void withoutAnAnchorHashTheFirstLineIsTakenAsItComes() {
        List<String> chain = chain(5);
        ChainVerifier verifier = new ChainVerifier(0, null);
        chain.subList(2, 5).forEach(verifier::accept);

        assertTrue(verifier.result().ok(), verifier.result().findings().toString());
        assertEquals(3, verifier.result().eventCount());
    }

    @Test
    void unlinkedLinesAreCheckedOnlyAgainstTheirOwnHash() {
        List<String> chain = chain(5);
        ChainVerifier verifier = new ChainVerifier(0, null);
        verifier.acceptUnlinked(chain.get(4));
        verifier.acceptUnlinked(chain.get(1));
        verifier.acceptUnlinked(chain.get(2).replace("alice", "alicE"));
        verifier.acceptUnlinked("garbage");

        VerificationResult result = verifier.result();
        assertEquals(List.of(new ChainVerifier.Finding(3, "altered", "event 3 does not match its hash (content changed)"),
                new ChainVerifier.Finding(-1, "unreadable", "line 4 is not a valid event")), result.findings());
        assertEquals(4, result.eventCount());
        assertEquals(-1L, result.firstBrokenSeq());
        assertEquals(3, verifier.lastSeq());
    }

    @Test
    void beforeAnyLineThereIsNoHead() {
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        assertEquals(0, verifier.lastSeq());
        assertNull(verifier.result().head());
        assertTrue(verifier.result().ok());
    }

    @Test
    void anEventThatComesBackIntoItsPlaceIsReorderedAndTheRangesAroundItStayMissing() {
        List<String> chain = chain(5);
        List<String> shuffled = List.of(chain.get(0), chain.get(4), chain.get(2));

        VerificationResult result = verify(shuffled);

        assertEquals(List.of(new ChainVerifier.Finding(2, "missing", "event 2 is missing"),
                new ChainVerifier.Finding(3, "out-of-order", "event 3 appears after event 5: it is out of order (reordered)"),
                new ChainVerifier.Finding(4, "missing", "event 4 is missing")), result.findings());
        assertEquals(2L, result.firstBrokenSeq());
        assertEquals(new ChainHead(3, EventLine.claimedHash(chain.get(2))), result.head(), "the last line read");
    }

    @Test
    void anEventEditedAndRehashedIsCaughtWhenTheEventBeforeItArrivesLate() {
        List<String> chain = chain(4);
        String forged = relinked(chain.get(3), "0".repeat(64));

        ChainVerifier verifier = new ChainVerifier(0, null);
        List.of(chain.get(0), chain.get(1), forged, chain.get(2)).forEach(verifier::accept);

        assertEquals(List.of(new ChainVerifier.Finding(3, "out-of-order",
                "event 3 appears after event 4: it is out of order (reordered)"),
                new ChainVerifier.Finding(4, "broken-link", "event 4 does not chain to the event before it (prevHash mismatch)")),
                verifier.result().findings());
    }

    @Test
    void aFirstLineWhosePredecessorsComeLaterIsHeldToThem() {
        List<String> chain = chain(3);
        String forged = relinked(chain.get(2), "0".repeat(64));

        VerificationResult result = verify(List.of(forged, chain.get(0), chain.get(1)));

        assertEquals(List.of("out-of-order", "out-of-order", "broken-link"), kinds(result));
        assertEquals(new ChainVerifier.Finding(3, "broken-link",
                "event 3 does not chain to the event before it (prevHash mismatch)"), result.findings().get(2));
    }

    @Test
    void aGapEventSealingEventsTheChainStillHoldsSealsNothing() throws Exception {
        List<String> chain = chain(3);
        List<String> lines = new ArrayList<>(chain);
        lines.add(Chains.gap(2, 3, EventLine.claimedHash(chain.get(2)), Chains.key()));

        VerificationResult result = verify(lines);

        assertTrue(result.ok(), result.findings().toString());
        assertEquals(List.of(), result.sealedGaps());
        assertEquals(4, result.head().seq());
    }

    private static String relinked(String line, String prevHash) {
        AuditEvent e = parse(line);
        return EventLine.seal(new AuditEvent(e.seq(), e.id(), e.time(), e.actor(), e.role(), e.action(), e.resource(),
                e.outcome(), e.client(), e.requestId(), e.detail(), prevHash, null));
    }

    static List<String> chain(int events) {
        List<String> lines = new ArrayList<>();
        String prev = AuditEvent.GENESIS_HASH;
        for (int seq = 1; seq <= events; seq++) {
            String line = EventLine.seal(new AuditEvent(seq, "id-" + seq, "2026-11-2" + (seq % 10) + "T10:00:00Z", "alice",
                    "analyst", "test.action", "document/" + seq, "success", "127.0.0.1", "req-" + seq,
                    new TreeMap<>(Map.of("n", String.valueOf(seq))), prev, null));
            lines.add(line);
            prev = EventLine.claimedHash(line);
        }
        return lines;
    }

    private static VerificationResult verify(List<String> lines) {
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        lines.forEach(verifier::accept);
        return verifier.result();
    }

    private static List<String> kinds(VerificationResult result) {
        return result.findings().stream().map(ChainVerifier.Finding::kind).toList();
    }

    private static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
