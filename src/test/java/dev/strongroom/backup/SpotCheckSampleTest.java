package dev.strongroom.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.Document;
import dev.strongroom.catalog.DocumentBackups;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The spot check asks S3 about a sample of the documents it confirmed. Each pick starts at a random point of
 * the id space; here the points are chosen, so that a pick lands on a document that waits for its backup and
 * one lands past the last id.
 */
@RequiresEmulator
@QuarkusTest
class SpotCheckSampleTest {

    @Inject
    DocumentBackups documents;

    @Test
    void aPickThatLandsOnAPendingDocumentTakesTheNextConfirmedOneInstead() {
        String alice = Vault.user("alice", "analyst");
        Vault.upload(alice, "confirmed.txt", Samples.text(2_001)).then().statusCode(201);
        assertEquals("succeeded", Backups.runToEnd(Vault.user("olga", "ops")).getString("state"));
        String pending = Vault.upload(alice, "waiting.txt", Samples.text(2_002)).then().statusCode(201).extract()
                .path("id");

        List<DocumentBackups.Copy> picked = documents.sample(1, landingAt(UUID.fromString(pending)));

        assertEquals(1, picked.size(), picked::toString);
        assertNotEquals(pending, picked.get(0).id());
        assertConfirmedAsSampled(picked.get(0));
    }

    @Test
    void aPickPastTheLastIdWrapsToTheFirstConfirmedDocument() {
        Vault.upload(Vault.user("alice", "analyst"), "early.txt", Samples.text(2_003)).then().statusCode(201);
        assertEquals("succeeded", Backups.runToEnd(Vault.user("olga", "ops")).getString("state"));

        List<DocumentBackups.Copy> picked = documents.sample(1, landingAt(new UUID(-1L, -1L)));

        assertEquals(1, picked.size(), "a pick past the last id is not lost: " + picked);
        assertConfirmedAsSampled(picked.get(0));
    }

    @Test
    void picksThatLandOnOneDocumentCountItOnce() {
        Vault.upload(Vault.user("alice", "analyst"), "once.txt", Samples.text(2_004)).then().statusCode(201);
        assertEquals("succeeded", Backups.runToEnd(Vault.user("olga", "ops")).getString("state"));

        List<DocumentBackups.Copy> picked = documents.sample(5, landingAt(new UUID(0L, 0L)));

        assertEquals(1, picked.size(), "every pick lands on the same document: " + picked);
    }

    private static void assertConfirmedAsSampled(DocumentBackups.Copy copy) {
        Document row = QuarkusTransaction.requiringNew().call(() -> Document.findById(copy.id()));
        assertEquals(BackupState.BACKED_UP, row.backupState, copy::toString);
        assertEquals(row.backupVersionId, copy.versionId());
        assertEquals(row.sha256, copy.sha256());
        assertFalse(copy.versionId().isBlank());
    }

    /** Every pick starts at {@code point}: a UUID is drawn as its high and then its low 64 bits. */
    private static RandomGenerator landingAt(UUID point) {
        long[] halves = { point.getMostSignificantBits(), point.getLeastSignificantBits() };
        int[] next = { 0 };
        return () -> halves[next[0]++ % 2];
    }
}
