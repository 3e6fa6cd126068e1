package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.ExpectedErrors;
import java.util.List;

/**
 * A read-only finding is logged at ERROR in production; tests that provoke one announce it first (so
 * every other ERROR line of a run is a real failure) and then check that the journal stands read-only
 * for that reason.
 */
final class ExpectedReadOnlyFindings {

    private ExpectedReadOnlyFindings() {
    }

    static void announce(IntegrityFinding.Kind kind, String why) {
        ExpectedErrors.announce("AUDIT JOURNAL READ-ONLY: " + kind, why);
    }

    /** The journal refuses writes, and its first read-only finding is of {@code kind} and says {@code words}. */
    static IntegrityFinding assertReadOnly(JournalIntegrity integrity, IntegrityFinding.Kind kind, String words) {
        assertFalse(integrity.writable(), "the journal should be read-only: " + integrity.findings());
        List<IntegrityFinding> findings = integrity.readOnlyFindings();
        IntegrityFinding first = findings.get(0);
        assertEquals(kind, first.kind(), findings.toString());
        assertTrue(first.message().contains(words), "'" + words + "' not in: " + first.message());
        return first;
    }
}
