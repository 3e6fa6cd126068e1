package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultReadsTest {

    private final ResultReads reads = new ResultReads();

    @Test
    void pollsOfARunningOperationAreNeverRecorded() {
        for (int i = 0; i < 5; i++) {
            assertFalse(reads.toRecord("olga", "backup/run/r1", false));
        }
        assertTrue(reads.toRecord("olga", "backup/run/r1", true), "the first read of the finished run is");
    }

    @Test
    void eachUsersFirstReadOfAFinishedRecordIsRecordedOnce() {
        assertTrue(reads.toRecord("olga", "compliance/report/c1", true));
        assertFalse(reads.toRecord("olga", "compliance/report/c1", true));
        assertTrue(reads.toRecord("otto", "compliance/report/c1", true));
        assertTrue(reads.toRecord("olga", "compliance/report/c2", true));
    }
}
