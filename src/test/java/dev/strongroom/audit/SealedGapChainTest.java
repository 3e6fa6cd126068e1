package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A range lost for good and sealed by an admin and an auditor is not a hole in the chain, but only when
 * the gap event says exactly what was lost, links to the last event kept, and carries the vault's signature.
 */
class SealedGapChainTest {

    private static final SigningKey KEY = SigningKey.generate();

    /** Events 1 to 3, a gap event 7 sealing 4 to 6, then event 8. */
    private final List<String> chain = new ArrayList<>(ChainVerifierTest.chain(3));

    SealedGapChainTest() {
        chain.add(gapEvent(7, 4, 6, EventLine.claimedHash(chain.get(2)), KEY));
        chain.add(EventLine.seal(new AuditEvent(8, "id-8", "2026-11-28T10:00:00Z", "alice", "analyst", "test.action",
                "document/8", "success", "127.0.0.1", "req-8", new TreeMap<>(Map.of("n", "8")),
                EventLine.claimedHash(chain.get(3)), null)));
    }

    @Test
    void aSealedRangeIsNamedNotMissingAndTheChainRunsOnThroughTheGapEvent() {
        VerificationResult result = verify(ChainVerifier.fromGenesis().checkingGapsWith(KEY.publicKey()), chain);

        assertTrue(result.ok(), result.findings().toString());
        assertEquals(5, result.eventCount());
        assertEquals(8, result.head().seq());
        assertEquals(List.of(new SealedGap(4, 6, 7, "ada", "audrey", "disk replaced")), result.sealedGaps());
    }

    @Test
    void aGapEventSignedByAnotherKeyIsAForgery() {
        List<String> forged = new ArrayList<>(chain.subList(0, 3));
        forged.add(gapEvent(7, 4, 6, EventLine.claimedHash(chain.get(2)), SigningKey.generate()));

        VerificationResult result = verify(ChainVerifier.fromGenesis().checkingGapsWith(List.of(KEY.publicKey())),
                forged);

        assertEquals(List.of("forged-gap"), result.findings().stream().map(ChainVerifier.Finding::kind).toList());
        assertEquals(7, result.firstBrokenSeq());
        assertTrue(verify(ChainVerifier.fromGenesis(), forged).ok(), "without the keys only the chain is checked");
    }

    @Test
    void aGapEventThatDoesNotStartWhereTheChainStopsLeavesTheRestMissing() {
        List<String> early = new ArrayList<>(chain.subList(0, 2));
        early.add(gapEvent(7, 4, 6, EventLine.claimedHash(chain.get(1)), KEY));

        VerificationResult result = verify(ChainVerifier.fromGenesis().checkingGapsWith(KEY.publicKey()), early);

        assertFalse(result.ok());
        assertTrue(result.findings().stream().anyMatch(f -> f.kind().equals("missing") && f.seq() == 3
                && f.message().equals("events 3 to 6 are missing")), result.findings().toString());
        assertEquals(List.of(), result.sealedGaps(), "it seals nothing");
    }

    @Test
    void aGapEventMustLinkToTheLastEventKept() {
        List<String> unlinked = new ArrayList<>(chain.subList(0, 3));
        unlinked.add(gapEvent(7, 4, 6, EventLine.claimedHash(chain.get(1)), KEY));

        VerificationResult result = verify(ChainVerifier.fromGenesis().checkingGapsWith(KEY.publicKey()), unlinked);

        assertEquals(List.of("broken-link"), result.findings().stream().map(ChainVerifier.Finding::kind).toList());
        assertEquals(7, result.firstBrokenSeq());
    }

    @Test
    void verificationThatBeginsInsideTheSealedRangeHasNothingToHoldTheGapEventTo() {
        // From a digest cut at event 5, inside the lost range: the gap event and event 8 follow.
        VerificationResult result = verify(new ChainVerifier(5, "5".repeat(64)).checkingGapsWith(KEY.publicKey()),
                chain.subList(3, 5));

        assertTrue(result.ok(), result.findings().toString());
        assertEquals(1, result.sealedGaps().size());
    }

    private static VerificationResult verify(ChainVerifier verifier, List<String> lines) {
        lines.forEach(verifier::accept);
        return verifier.result();
    }

    private static String gapEvent(long seq, long lostFrom, long lostTo, String prevHash, SigningKey key) {
        String statement = SealedGap.statement(lostFrom, lostTo, prevHash, "ada", "audrey", "disk replaced");
        TreeMap<String, String> detail = new TreeMap<>(Map.of("lostFrom", Long.toString(lostFrom), "lostTo",
                Long.toString(lostTo), "proposedBy", "ada", "confirmedBy", "audrey", "reason", "disk replaced",
                "signature", Base64.getEncoder().encodeToString(key.sign(statement.getBytes(StandardCharsets.UTF_8)))));
        return EventLine.seal(new AuditEvent(seq, "id-" + seq, "2026-11-28T09:00:00Z", "system", "system",
                SealedGap.ACTION, "audit", "success", null, null, detail, prevHash, null));
    }
}
