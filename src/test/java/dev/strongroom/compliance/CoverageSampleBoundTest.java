package dev.strongroom.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CoverageSampleBoundTest {

    @Test
    void fourHundredCleanDrawsBoundTheMismatchesBelowThreeQuartersOfAPercent() {
        assertEquals(0.75, BackupEvidence.mismatchBound(1_000_000, 400));
    }

    @Test
    void aSampleOfEveryOlderDocumentLeavesNoDoubt() {
        assertEquals(0, BackupEvidence.mismatchBound(120, 120));
    }

    @Test
    void noSampleBoundsNothing() {
        assertEquals(100, BackupEvidence.mismatchBound(120, 0));
    }
}
