package dev.strongroom.catalog;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * An upload is acknowledged once its journal event is durable; the catalog row is committed after it. A kill
 * between the two leaves the event without its row, and the next start builds the row from the event. Here the
 * row is taken away by hand among other uploads and views (the rows the start's search reads past), and the
 * start's recovery is run again.
 */
@QuarkusTest
class UploadLedgerTest {

    @Inject
    UploadLedger ledger;

    @Test
    void anAcknowledgedUploadWhoseRowWasLostIsRebuiltFromItsJournalEventAtStartAndTheRebuildIsAudited() {
        String alice = Vault.user("alice", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        String lost = null;
        byte[] lostBytes = null;
        for (int i = 0; i < 5; i++) {
            byte[] bytes = Samples.text(900 + i);
            String id = Vault.upload(alice, "receipt-" + i + ".txt", bytes).then().statusCode(201).extract().path("id");
            Vault.as(alice).get("/api/documents/" + id).then().statusCode(200);
            if (i == 2) {
                lost = id;
                lostBytes = bytes;
            }
        }
        String id = lost;
        JsonPath before = Vault.as(alice).get("/api/documents/" + id).then().statusCode(200).extract().jsonPath();
        QuarkusTransaction.requiringNew().run(() -> Document.getEntityManager()
                .createNativeQuery("delete from document where id = ?1").setParameter(1, id).executeUpdate());
        Vault.as(alice).get("/api/documents/" + id).then().statusCode(404);

        ledger.recoverAtStart(null);

        Vault.as(alice).get("/api/documents/" + id).then().statusCode(200)
                .body("fileName", equalTo(before.getString("fileName")))
                .body("sha256", equalTo(before.getString("sha256")))
                .body("size", equalTo(before.getInt("size")))
                .body("uploadedAt", equalTo(before.getString("uploadedAt")));
        assertArrayEquals(lostBytes, Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200)
                .extract().asByteArray());
        Vault.as(auditor).get("/api/audit?action=catalog.recover&documentId=" + id).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].detail.sha256", equalTo(before.getString("sha256")));

        ledger.recoverAtStart(null);
        Vault.as(auditor).get("/api/audit?action=catalog.recover&documentId=" + id).then().statusCode(200)
                .body("total", equalTo(1));
    }
}
