package dev.strongroom.review;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.strongroom.catalog.Document;
import dev.strongroom.catalog.SearchMarks;
import dev.strongroom.metadata.SidecarColumns;
import dev.strongroom.support.RestoredReceipts;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restore from S3 brings each document back with its sidecar, but neither the columns an extraction filled
 * from it nor the receipt corrections' rows. Once the start-up steps have run, search, the receipt filters, the
 * review queue and the fields page show what they showed before the loss: the extracted values from the sidecar,
 * a person's corrections over them from the journal.
 */
@QuarkusTest
class RestoredReceiptsTest {

    @Inject
    SidecarColumns sidecarColumns;

    @Inject
    CorrectionLedger ledger;

    @Test
    void aRestoredReceiptIsFoundFilteredAndReviewedAsBeforeWithItsCorrections() {
        String alice = Vault.user("alice", "analyst");
        String corrected = ReceiptFieldsTest.uploadReceipt(alice, "northwind.txt", RestoredReceipts.CORRECTED);
        String unsure = ReceiptFieldsTest.uploadReceipt(alice, "fabrikam.txt", RestoredReceipts.UNSURE);
        List<Object> before = RestoredReceipts.correct(alice, corrected);

        // What a restore from S3 leaves: the rows as the export has them, no text, no correction rows, no index.
        List<String> ids = List.of(corrected, unsure);
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Document.getEntityManager();
            em.createNativeQuery("update document set metadata_title = null, metadata_author = null, "
                    + "metadata_vendor = null, metadata_text = null, receipt_date = null, receipt_total = null, "
                    + "receipt_currency = null, receipt_review = null, metadata_updated_at = null, search_dirty = true "
                    + "where id in (?1, ?2)").setParameter(1, corrected).setParameter(2, unsure).executeUpdate();
            em.createNativeQuery("delete from document_text where document_id in (?1, ?2)").setParameter(1, corrected)
                    .setParameter(2, unsure).executeUpdate();
            em.createNativeQuery("delete from field_correction where document_id in (?1, ?2)")
                    .setParameter(1, corrected).setParameter(2, unsure).executeUpdate();
            ids.forEach(SearchMarks::markForEveryHost);
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !Vault.as(alice)
                .queryParam("q", "Fabrikam").get("/api/documents").then().extract().jsonPath().getList("items.id")
                .contains(unsure));
        Vault.as(alice).get("/api/review-queue").then().body("items.id", not(hasItem(unsure)));

        sidecarColumns.fill();
        ledger.recoverAtStart(null);

        RestoredReceipts.foundFilteredAndReviewedAsBefore(alice, corrected, unsure, before);
    }
}
