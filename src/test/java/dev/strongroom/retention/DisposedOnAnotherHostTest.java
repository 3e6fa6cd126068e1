package dev.strongroom.retention;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.PortableCatalog;
import dev.strongroom.store.BlobStore;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A document disposed of on another host of the vault leaves no bytes on this host's volume: the tombstone is in
 * the shared catalog, and this host's sweep takes the blob off, audited, unless a live document has the same bytes.
 */
@QuarkusTest
class DisposedOnAnotherHostTest {

    @Inject
    DisposedBytesSweep sweep;

    @Inject
    BlobStore store;

    @Inject
    PortableCatalog catalog;

    /** What the other host's approved disposal leaves in the shared catalog: no row, a tombstone. */
    private void disposedElsewhere(String id, String sha256) {
        QuarkusTransaction.requiringNew().run(() -> {
            catalog.removeDisposed(id);
            Tombstone tombstone = new Tombstone();
            tombstone.documentId = id;
            tombstone.sha256 = sha256;
            tombstone.fileName = "gone.txt";
            tombstone.owner = "alice";
            tombstone.sizeBytes = 1;
            tombstone.requestedBy = "admin-one";
            tombstone.approvedBy = "admin-two";
            tombstone.disposedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            tombstone.reason = "past retention, disposed of on host host-elsewhere";
            tombstone.blobRemoved = true;
            tombstone.persist();
        });
    }

    @Test
    void theBytesOfADocumentDisposedOfOnAnotherHostAreTakenOffThisVolumeAndTheRemovalIsAudited() {
        String alice = Vault.user("alice", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        byte[] bytes = Samples.text(1_234);
        String sha256 = Samples.sha256(bytes);
        String id = Vault.upload(alice, "to-dispose.txt", bytes).then().statusCode(201).extract().path("id");
        assertTrue(store.exists(sha256));

        disposedElsewhere(id, sha256);
        assertTrue(store.exists(sha256), "the other host's disposal cannot reach this volume");

        sweep.sweep();
        assertFalse(store.exists(sha256), "the disposed bytes are gone from this volume");
        Vault.as(auditor).get("/api/audit?action=document.dispose.bytes-removed&documentId=" + id).then()
                .statusCode(200).body("items.size()", equalTo(1)).body("items[0].outcome", equalTo("success"))
                .body("items[0].detail.sha256", equalTo(sha256));
        assertEquals(0, sweep.sweep(), "nothing is left to remove, and nothing is audited twice");
    }

    @Test
    void bytesALiveDocumentStillHasStay() {
        String alice = Vault.user("alice", "analyst");
        byte[] bytes = Samples.text(2_345);
        String sha256 = Samples.sha256(bytes);
        String disposed = Vault.upload(alice, "first.txt", bytes).then().statusCode(201).extract().path("id");
        String kept = Vault.upload(alice, "second.txt", bytes).then().statusCode(201).extract().path("id");

        disposedElsewhere(disposed, sha256);
        sweep.sweep();

        assertTrue(store.exists(sha256), "document " + kept + " still has these bytes");
        Vault.as(alice).get("/api/documents/" + kept + "/content").then().statusCode(200);
    }
}
