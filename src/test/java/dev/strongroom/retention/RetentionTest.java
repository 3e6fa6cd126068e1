package dev.strongroom.retention;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionTest {

    private static String upload(String user, byte[] bytes, String retentionClass) {
        return Vault.as(user).multiPart("file", "r.txt", bytes).multiPart("retentionClass", retentionClass)
                .post("/api/documents").then().statusCode(201).extract().path("id");
    }

    @Test
    void retainUntilFollowsTheRetentionClass() {
        String alice = Vault.user("alice", "analyst");
        String uploadedAt = Vault.as(alice).multiPart("file", "r.txt", Samples.text(40))
                .multiPart("retentionClass", "receipt").post("/api/documents").then().statusCode(201)
                .body("retentionClass", equalTo("receipt")).extract().path("uploadedAt");
        String retainUntil = Vault.as(alice).get("/api/documents?retentionClass=receipt").then().statusCode(200)
                .extract().path("items[0].retainUntil");
        assertEquals(Instant.parse(uploadedAt).atOffset(ZoneOffset.UTC).plusYears(7).toInstant(),
                Instant.parse(retainUntil));
    }

    @Test
    void deletionBeforeRetainUntilIs409NamingTheDate() {
        String alice = Vault.user("alice", "analyst");
        String admin = Vault.user("adam", "admin");
        String id = upload(alice, Samples.text(50), "invoice");
        Vault.as(admin).queryParam("reason", "cleanup").delete("/api/documents/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("must be kept until"))
                .body("retainUntil", equalTo(Vault.as(admin).get("/api/documents/" + id).path("retainUntil")));
        Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200);
    }

    @Test
    void legalHoldBlocksDisposalEvenAfterRetention() {
        String alice = Vault.user("alice", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        String admin = Vault.user("adam", "admin");
        String id = upload(alice, Samples.text(50), "expired");
        Vault.as(auditor).contentType("application/json").body(Map.of("hold", true, "reason", "litigation 2026-17"))
                .put("/api/documents/" + id + "/legal-hold").then().statusCode(200).body("legalHold", equalTo(true));
        Vault.as(admin).queryParam("reason", "past retention").delete("/api/documents/" + id).then().statusCode(409)
                .body("detail", containsString("legal hold"));
        Vault.as(alice).contentType("application/json").body(Map.of("hold", false))
                .put("/api/documents/" + id + "/legal-hold").then().statusCode(403);
    }

    @Test
    void aHoldSetAfterTheRequestStopsTheApproval() {
        String alice = Vault.user("alice", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        byte[] bytes = Samples.text(70);
        String id = upload(alice, bytes, "expired");
        String requestId = Vault.as(first).queryParam("reason", "retention ended").delete("/api/documents/" + id)
                .then().statusCode(202).extract().path("id");

        Vault.as(auditor).contentType("application/json").body(Map.of("hold", true, "reason", "subpoena 2026-31"))
                .put("/api/documents/" + id + "/legal-hold").then().statusCode(200);

        Vault.as(second).post("/api/disposals/" + requestId + "/approve").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("legal hold"));
        Vault.as(alice).get("/api/documents/" + id).then().statusCode(200).body("legalHold", equalTo(true));
        assertArrayEquals(bytes, Vault.as(alice).get("/api/documents/" + id + "/content").asByteArray());
        Vault.as(auditor).get("/api/tombstones").then().statusCode(200)
                .body("findAll { it.documentId == '" + id + "' }.size()", equalTo(0));
    }

    @Test
    void disposalNeedsASecondAdminAndLeavesATombstone() {
        String alice = Vault.user("alice", "analyst");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        String auditor = Vault.user("audrey", "auditor");
        byte[] shared = Samples.text(300);
        String disposed = upload(alice, shared, "expired");
        String kept = upload(alice, shared, "receipt");

        String requestId = Vault.as(first).queryParam("reason", "retention ended").delete("/api/documents/" + disposed)
                .then().statusCode(202).body("documentId", equalTo(disposed)).extract().path("id");
        Vault.as(first).post("/api/disposals/" + requestId + "/approve").then().statusCode(403)
                .body("detail", containsString("two different admins"));
        Vault.as(alice).get("/api/documents/" + disposed).then().statusCode(200);

        Vault.as(second).post("/api/disposals/" + requestId + "/approve").then().statusCode(200)
                .body("sha256", equalTo(Samples.sha256(shared))).body("requestedBy", equalTo(first))
                .body("approvedBy", equalTo(second)).body("reason", equalTo("retention ended"))
                .body("blobRemoved", equalTo(false));
        Vault.as(alice).get("/api/documents/" + disposed).then().statusCode(404);
        Vault.as(auditor).get("/api/tombstones").then().statusCode(200)
                .body("find { it.documentId == '" + disposed + "' }.approvedBy", equalTo(second));
        assertArrayEquals(shared, Vault.as(alice).get("/api/documents/" + kept + "/content").asByteArray(),
                "the blob another document shares must survive disposal");
    }

    @Test
    void disposingTheLastDocumentOfABlobRemovesTheBlob() {
        String alice = Vault.user("alice", "analyst");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        byte[] bytes = Samples.text(400);
        String id = upload(alice, bytes, "expired");
        String requestId = Vault.as(first).queryParam("reason", "done").delete("/api/documents/" + id).then()
                .statusCode(202).extract().path("id");
        Vault.as(second).post("/api/disposals/" + requestId + "/approve").then().statusCode(200)
                .body("blobRemoved", equalTo(true));
        Samples.assertNoBlob(Samples.sha256(bytes));
    }

    @Test
    void aSecondAdminRejectsARequestWithAReasonAndTheDocumentStays() {
        String alice = Vault.user("alice", "analyst");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        String id = upload(alice, Samples.text(60), "expired");
        String requestId = Vault.as(first).queryParam("reason", "retention ended").delete("/api/documents/" + id)
                .then().statusCode(202).extract().path("id");
        Vault.as(first).contentType("application/json").body(Map.of("reason", "my own")).post(
                "/api/disposals/" + requestId + "/reject").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("withdraw it instead"));
        Vault.as(second).contentType("application/json").body(Map.of()).post("/api/disposals/" + requestId + "/reject")
                .then().statusCode(400).body("detail", containsString("reason"));
        Vault.as(second).contentType("application/json").body(Map.of("reason", "still needed for the 2026 audit"))
                .post("/api/disposals/" + requestId + "/reject").then().statusCode(200)
                .body("decision", equalTo("REJECTED")).body("decidedBy", equalTo(second))
                .body("decisionReason", equalTo("still needed for the 2026 audit")).body("documentId", equalTo(id));
        Vault.as(second).post("/api/disposals/" + requestId + "/approve").then().statusCode(404)
                .contentType("application/problem+json");
        Vault.as(first).get("/api/disposals").then().statusCode(200).body("find { it.id == '" + requestId + "' }",
                org.hamcrest.Matchers.nullValue());
        Vault.as(alice).get("/api/documents/" + id).then().statusCode(200);
    }

    @Test
    void onlyTheRequesterWithdrawsARequest() {
        String alice = Vault.user("alice", "analyst");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        String id = upload(alice, Samples.text(70), "expired");
        String requestId = Vault.as(first).queryParam("reason", "retention ended").delete("/api/documents/" + id)
                .then().statusCode(202).extract().path("id");
        Vault.as(second).contentType("application/json").body(Map.of()).post("/api/disposals/" + requestId
                + "/withdraw").then().statusCode(403).body("detail", containsString("Only " + first));
        Vault.as(first).contentType("application/json").body(Map.of("reason", "wrong document")).post(
                "/api/disposals/" + requestId + "/withdraw").then().statusCode(200)
                .body("decision", equalTo("WITHDRAWN")).body("decidedBy", equalTo(first));
        Vault.as(first).queryParam("reason", "retention ended, again").delete("/api/documents/" + id).then()
                .statusCode(202);
    }

    @Test
    void aHoldOnADisposedDocumentIs409NamingTheDisposal() {
        String alice = Vault.user("alice", "analyst");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        String auditor = Vault.user("audrey", "auditor");
        String id = upload(alice, Samples.text(80), "expired");
        String requestId = Vault.as(first).queryParam("reason", "done").delete("/api/documents/" + id).then()
                .statusCode(202).extract().path("id");
        Vault.as(second).post("/api/disposals/" + requestId + "/approve").then().statusCode(200);
        Vault.as(auditor).contentType("application/json").body(Map.of("hold", true, "reason", "late litigation"))
                .put("/api/documents/" + id + "/legal-hold").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("document-disposed"))
                .body("detail", containsString("approved by " + second));
    }

    @Test
    void eachChangeIsAnIntentThenItsCompletionInTheTrail() {
        String alice = Vault.user("alice", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        String id = upload(alice, Samples.text(90), "expired");
        Vault.as(auditor).contentType("application/json").body(Map.of("hold", true, "reason", "case 17"))
                .put("/api/documents/" + id + "/legal-hold").then().statusCode(200);
        var events = Vault.as(auditor).queryParam("documentId", id).queryParam("action", "document.legal-hold.set")
                .get("/api/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(java.util.List.of("success", "intent"), events.getList("items.outcome"),
                "newest first: the completion after its intent");
        assertEquals(events.getString("items[1].id"), events.getString("items[0].detail.intent"));
        assertEquals("case 17", events.getString("items[1].detail.reason"));
    }
}
