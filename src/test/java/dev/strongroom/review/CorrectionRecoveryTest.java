package dev.strongroom.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stop between a correction's commit and its completion leaves rows without a completion in the trail: the
 * next start journals it, marked recovered, and leaves every correction that was completed as it was.
 */
@QuarkusTest
class CorrectionRecoveryTest {

    @Inject
    Auditor auditor;

    @Inject
    CorrectionApplier applier;

    @Inject
    CorrectionLedger ledger;

    @Test
    void aCommittedCorrectionWithoutItsCompletionIsCompletedAtStartAndACompletedOneIsLeftAlone() {
        String alice = Vault.user("alice", "analyst");
        String auditorUser = Vault.user("audrey", "auditor");
        String id = ReceiptFieldsTest.uploadReceipt(alice, "recovery.txt", ReceiptFieldsTest.RECEIPT);
        Vault.as(alice).contentType("application/json").body(Map.of("fields", Map.of("date", "2026-11-03")))
                .put("/api/documents/" + id + "/fields").then().statusCode(200);

        // What the ledger had done when the stop came: the intent journaled, the rows committed, no completion.
        String correctionId = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("correctionId", correctionId);
        intent.put("by", alice);
        intent.put("at", at);
        intent.put("reason", "typo on the till");
        intent.put("fields", "total");
        intent.put("total.old", "15.12");
        intent.put("total.new", "15.21");
        auditor.record(ReviewAction.CORRECT_INTENT, "document/" + id, Outcome.SUCCESS, intent);
        applier.commit(correctionId, id, List.of(new CorrectionLedger.Change(ReceiptField.TOTAL, "15.12", "15.21")),
                alice, "typo on the till", at);

        ledger.recoverAtStart(null);

        JsonPath completions = Vault.as(auditorUser).queryParam("documentId", id)
                .queryParam("action", ReviewAction.CORRECT.action()).get("/api/audit").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(2, completions.getList("items").size(), completions.prettify());
        assertEquals(correctionId, completions.getString("items[0].detail.correctionId"));
        assertEquals("true", completions.getString("items[0].detail.recovered"));
        assertEquals("15.21", completions.getString("items[0].detail.'total.new'"));
        assertEquals(null, completions.getString("items[1].detail.recovered"), "the completed one is left alone");

        ledger.recoverAtStart(null);
        assertEquals(2, Vault.as(auditorUser).queryParam("documentId", id)
                .queryParam("action", ReviewAction.CORRECT.action()).get("/api/audit").then().extract().jsonPath()
                .getList("items").size(), "a second start finds nothing left to do");
    }
}
