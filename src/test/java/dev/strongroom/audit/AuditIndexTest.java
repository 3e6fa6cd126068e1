package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditIndexTest {

    @Inject
    AuditIndex index;
    @Inject
    AuditJournal journal;

    /**
     * Concurrent requests commit their index rows in any order, so a crash can leave a hole below the
     * newest row. Catch-up used to start after the newest row and never filled it.
     */
    @Test
    void catchUpRefillsAHoleBelowTheNewestIndexedEvent() {
        Vault.user("hole-a", "analyst");
        Vault.user("hole-b", "analyst");
        long hole = journal.head().seq() - 1;
        String line = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>findById(key(hole)).line);
        QuarkusTransaction.requiringNew().run(() -> IndexedEvent.deleteById(key(hole)));
        assertNull(QuarkusTransaction.requiringNew().call(() -> IndexedEvent.findById(key(hole))));

        // At least the hole: an event the vault's background checks append meanwhile may be indexed by
        // the catch-up too, when the catch-up reaches it before that event's own index row is written.
        long added = index.catchUp(journal.segments());
        assertTrue(added >= 1, "the catch-up indexed " + added + " events");

        IndexedEvent refilled = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.findById(key(hole)));
        assertNotNull(refilled, "event " + hole + " is searchable again");
        assertEquals(line, refilled.line);
    }

    private IndexedEvent.Key key(long seq) {
        return new IndexedEvent.Key(index.host(), seq);
    }
}
