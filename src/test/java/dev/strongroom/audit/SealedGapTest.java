package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A range lost for good and sealed by a confirmed gap event verifies as sealed, never as missing; a gap
 * event the vault's key did not sign, or a jump in the numbers without one, is a finding.
 */
class SealedGapTest {

    @Test
    void aSignedGapSealsItsRangeAndTheChainVerifies() throws Exception {
        KeyPair key = Chains.key();
        List<String> lines = new ArrayList<>(Chains.of(3));
        String gap = Chains.gap(4, 9, EventLine.claimedHash(lines.get(2)), key);
        lines.add(gap);
        lines.add(Chains.line(11, "document.view", new TreeMap<>(), EventLine.claimedHash(gap)));

        ChainVerifier verifier = ChainVerifier.fromGenesis().checkingGapsWith(key.getPublic());
        lines.forEach(verifier::accept);
        VerificationResult result = verifier.result();

        assertTrue(result.ok(), result.findings().toString());
        assertEquals(1, result.sealedGaps().size());
        assertEquals(4, result.sealedGaps().get(0).fromSeq());
        assertEquals(9, result.sealedGaps().get(0).toSeq());
        assertEquals(10, result.sealedGaps().get(0).gapSeq());
    }

    @Test
    void aGapTheVaultDidNotSignIsAFinding() throws Exception {
        List<String> lines = new ArrayList<>(Chains.of(3));
        lines.add(Chains.gap(4, 9, EventLine.claimedHash(lines.get(2)), Chains.key()));

        ChainVerifier verifier = ChainVerifier.fromGenesis().checkingGapsWith(Chains.key().getPublic());
        lines.forEach(verifier::accept);
        VerificationResult result = verifier.result();

        assertFalse(result.ok());
        assertEquals(List.of("forged-gap"), result.findings().stream().map(ChainVerifier.Finding::kind).toList());
    }

    @Test
    void numbersThatJumpWithoutAGapEventAreMissing() {
        List<String> lines = new ArrayList<>(Chains.of(3));
        lines.add(Chains.line(10, "document.view", new TreeMap<>(), EventLine.claimedHash(lines.get(2))));

        ChainVerifier verifier = ChainVerifier.fromGenesis();
        lines.forEach(verifier::accept);
        VerificationResult result = verifier.result();

        assertFalse(result.ok());
        assertEquals("events 4 to 9 are missing", result.findings().get(0).message());
        assertEquals(List.of(), result.sealedGaps());
    }
}
