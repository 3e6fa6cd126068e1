package dev.strongroom.writeahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.catalog.Document;
import dev.strongroom.retention.DisposalRequest;
import dev.strongroom.retention.RetentionChange;
import dev.strongroom.retention.Tombstone;
import dev.strongroom.support.Samples;
import dev.strongroom.support.SeededRows;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replay's two rules, on intents left as a kill would leave them: one whose catalog change had
 * committed is finished (its effect done, a success completion journaled), one whose change had not
 * is rolled back (a rolled-back completion, the catalog untouched); completed changes the catalog
 * lost are made again. The replay is audited.
 */
@QuarkusTest
class ChangeReplayTest {

    @Inject
    Auditor auditor;
    @Inject
    ChangeReplay replay;

    @Test
    void anIntentThatCommittedIsFinishedAndOneThatDidNotIsRolledBack() {
        String alice = Vault.user("alice", "analyst");
        String auditorUser = Vault.user("audrey", "auditor");
        String committedHold = upload(alice, Samples.text(120));
        String uncommittedHold = upload(alice, Samples.text(130));
        byte[] disposedBytes = Samples.text(140);
        String disposed = upload(alice, disposedBytes);

        // A hold whose commit went through before the kill, but whose completion never made it.
        JournaledIntent held = intent(RetentionChange.LEGAL_HOLD_SET, committedHold, Map.of("reason", "case 1"));
        QuarkusTransaction.requiringNew().run(() -> {
            Document.update("legalHold = true where id = ?1", committedHold);
            AppliedChange.of(held).persist();
        });
        // A hold killed between its intent and its commit.
        JournaledIntent cutOff = intent(RetentionChange.LEGAL_HOLD_SET, uncommittedHold, Map.of("reason", "case 2"));
        // A disposal killed after its commit, before the blob was removed.
        Document doc = QuarkusTransaction.requiringNew().call(() -> Document.<Document>findById(disposed));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("requestId", "replay-test-request");
        facts.put("requestedBy", "adam");
        facts.put("reason", "retention ended");
        facts.put("approvedBy", "ada");
        facts.put("disposedAt", Instant.now());
        facts.put("sha256", doc.sha256);
        facts.put("fileName", doc.fileName);
        facts.put("owner", doc.owner);
        facts.put("size", doc.sizeBytes);
        JournaledIntent approval = intent(RetentionChange.DISPOSAL_APPROVE, disposed, facts);
        QuarkusTransaction.requiringNew().run(() -> {
            SeededRows.tombstoneOf(doc, "adam", "ada", "retention ended", false).persist();
            Document.deleteById(disposed);
            DisposalRequest.deleteById("replay-test-request");
            AppliedChange.of(approval).persist();
        });
        assertEquals(1, Samples.countBlobFiles(doc.sha256), "the kill came before the blob was removed");

        ChangeReplay.Settled settled = replay.replay();

        assertEquals(2, settled.finished(), settled.toString());
        assertEquals(1, settled.rolledBack(), settled.toString());
        assertEquals("success", completion(auditorUser, held).getString("outcome"));
        assertEquals("rolled-back", completion(auditorUser, cutOff).getString("outcome"));
        JsonPath disposal = completion(auditorUser, approval);
        assertEquals("success", disposal.getString("outcome"));
        assertEquals("true", disposal.getString("detail.blobRemoved"));
        assertEquals("true", disposal.getString("detail.replayed"));
        Samples.assertNoBlob(doc.sha256);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Tombstone.<Tombstone>findById(disposed).blobRemoved));
        Vault.as(auditorUser).get("/api/documents/" + committedHold).then().body("legalHold",
                org.hamcrest.Matchers.equalTo(true));
        Vault.as(auditorUser).get("/api/documents/" + uncommittedHold).then().body("legalHold",
                org.hamcrest.Matchers.equalTo(false));
        Vault.as(auditorUser).queryParam("action", WriteAheadAction.REPLAY.action()).get("/api/audit").then()
                .body("items[0].detail.finished", org.hamcrest.Matchers.equalTo("2"))
                .body("items[0].detail.rolledBack", org.hamcrest.Matchers.equalTo("1"));

        ChangeReplay.Settled again = replay.replay();
        assertEquals(0, again.finished() + again.rolledBack(), "a second replay finds nothing left: " + again);
    }

    @Test
    void completedChangesTheCatalogLostAreMadeAgainInOrder() {
        String alice = Vault.user("alice", "analyst");
        String auditorUser = Vault.user("audrey", "auditor");
        String kept = upload(alice, Samples.text(160));
        String lost = upload(alice, Samples.text(170));
        hold(auditorUser, kept, true);
        hold(auditorUser, lost, true);
        hold(auditorUser, kept, false);
        // An embedded catalog at a full volume can lose its newest commits after the clients were
        // answered: here the last two, the second hold and the clearing of the first.
        QuarkusTransaction.requiringNew().run(() -> {
            Document.update("legalHold = true where id = ?1", kept);
            Document.update("legalHold = false where id = ?1", lost);
            AppliedChange.delete("subject = ?1 and action = ?2", "document/" + kept,
                    RetentionChange.LEGAL_HOLD_CLEAR.action());
            AppliedChange.delete("subject = ?1 and action = ?2", "document/" + lost,
                    RetentionChange.LEGAL_HOLD_SET.action());
        });

        ChangeReplay.Settled settled = replay.replay();

        assertEquals(2, settled.remade(), settled.toString());
        assertEquals(0, settled.finished() + settled.rolledBack(), settled.toString());
        Vault.as(auditorUser).get("/api/documents/" + kept).then().body("legalHold", org.hamcrest.Matchers.equalTo(false));
        Vault.as(auditorUser).get("/api/documents/" + lost).then().body("legalHold", org.hamcrest.Matchers.equalTo(true));
        Vault.as(auditorUser).queryParam("action", WriteAheadAction.REPLAY.action()).get("/api/audit").then()
                .body("items[0].detail.remade", org.hamcrest.Matchers.equalTo("2"));
        assertEquals(0, replay.replay().remade(), "the changes are in the catalog again");
    }

    @Test
    void anIntentWhoseDetailNamesAnotherActionIsStillFound() {
        String alice = Vault.user("alice", "analyst");
        String auditorUser = Vault.user("audrey", "auditor");
        String document = upload(alice, Samples.text(150));
        // The replay reads each line's action without parsing it: the event's own comes first, a detail's after.
        JournaledIntent cutOff = intent(RetentionChange.LEGAL_HOLD_SET, document,
                Map.of("reason", "case 3", "action", "document.upload"));

        ChangeReplay.Settled settled = replay.replay();

        assertTrue(settled.rolledBack() >= 1, settled.toString());
        assertEquals("rolled-back", completion(auditorUser, cutOff).getString("outcome"));
        Vault.as(auditorUser).get("/api/documents/" + document).then().body("legalHold",
                org.hamcrest.Matchers.equalTo(false));
    }

    private static String upload(String user, byte[] bytes) {
        return Vault.as(user).multiPart("file", "replay.txt", bytes).multiPart("retentionClass", "expired")
                .post("/api/documents").then().statusCode(201).extract().path("id");
    }

    private static void hold(String auditorUser, String documentId, boolean hold) {
        Vault.as(auditorUser).contentType("application/json").body(Map.of("hold", hold, "reason", "case 4"))
                .put("/api/documents/" + documentId + "/legal-hold").then().statusCode(200);
    }

    private JournaledIntent intent(RetentionChange kind, String documentId, Map<String, ?> facts) {
        AuditEvent event = auditor.record(kind, "document/" + documentId, ChangeOutcome.INTENT.outcome, facts);
        return new JournaledIntent(event.id(), event.seq(), kind, event.resource(), event.detail());
    }

    /** The one completion the journal holds for the intent. */
    private static JsonPath completion(String auditorUser, JournaledIntent intent) {
        JsonPath events = Vault.as(auditorUser).queryParam("documentId", intent.subjectId())
                .queryParam("action", intent.kind().action()).get("/api/audit").then().statusCode(200).extract()
                .jsonPath();
        int index = events.getList("items.detail.intent").indexOf(intent.id());
        assertTrue(index >= 0, "no completion for intent " + intent.seq() + " in " + events.prettify());
        assertEquals(1, events.getList("items.detail.intent").stream().filter(intent.id()::equals).count());
        return new JsonPath(events.prettify()).setRootPath("items[" + index + "]");
    }
}
